// verifiers.mjs: the pluggable verifiers of the in-process local-JWT loop benchmark.
// A verifier is { name, label, setup(ctx) -> Promise<(token) => Promise<result>> | {skip: reason} }, where
// ctx = { jwks, jwksUrl, baseUrl, projectId, secret, issuer }. The loop calls the returned function once per token.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as jose from 'jose';

const claimOpts = (ctx) => ({ issuer: ctx.issuer, audience: ctx.projectId, algorithms: ['RS256'] });

/** The baseline: raw jose jwtVerify with a local JWK set (the key import is cached by the set). */
export const joseLocal = {
  name: 'jose-local',
  label: 'jose jwtVerify + createLocalJWKSet',
  short: 'jose, local JWKS',
  async setup(ctx) {
    const set = jose.createLocalJWKSet(ctx.jwks), opts = claimOpts(ctx);
    return (t) => jose.jwtVerify(t, set, opts);
  },
};

/** Reference: jose with the JWKS fetched over loopback HTTP once and cached (what an SDK does). */
export const joseRemote = {
  name: 'jose-remote',
  label: 'jose jwtVerify + createRemoteJWKSet (cached)',
  short: 'jose, remote JWKS (cached)',
  async setup(ctx) {
    const set = jose.createRemoteJWKSet(new URL(ctx.jwksUrl), { cooldownDuration: 300_000, cacheMaxAge: 600_000 }), opts = claimOpts(ctx);
    return (t) => jose.jwtVerify(t, set, opts);
  },
};

/**
 * @tessera/node: new Client({ project_id, secret, base_url }).sessions.authenticateJwtLocal({ session_jwt }).
 * The SDK fetches the JWKS itself from `${base_url}/v1/sessions/jwks/${project_id}` (served by the loop's JWKS server).
 * Skipped, with the reason, when the package cannot be imported or has no such method.
 */
export const tesseraNode = {
  name: 'tessera-node',
  label: '@tessera/node sessions.authenticateJwtLocal',
  short: '@tessera/node authenticateJwtLocal',
  async setup(ctx) {
    // BENCH_TESSERA_NODE: another specifier or file path for the SDK (e.g. a local build); default '@tessera/node'
    const o = process.env.BENCH_TESSERA_NODE;
    const spec = !o ? '@tessera/node' : o.startsWith('/') || o.startsWith('.') ? pathToFileURL(path.resolve(o)).href : o;
    let mod;
    try { mod = await import(spec); } catch (e) {
      return { skip: `import('${o ?? '@tessera/node'}') failed: ${e.code ?? ''} ${String(e.message).split('\n')[0]}` };
    }
    const Client = mod.Client ?? mod.default?.Client;
    if (typeof Client !== 'function') return { skip: '@tessera/node has no Client export' };
    let client;
    try { client = new Client({ project_id: ctx.projectId, secret: ctx.secret, base_url: ctx.baseUrl }); } catch (e) {
      return { skip: `new Client(...) threw: ${e.message}` };
    }
    if (typeof client?.sessions?.authenticateJwtLocal !== 'function') return { skip: '@tessera/node Client has no sessions.authenticateJwtLocal' };
    return (t) => client.sessions.authenticateJwtLocal({ session_jwt: t });
  },
};

export const VERIFIERS = [joseLocal, tesseraNode, joseRemote];
export const BASELINE_VERIFIER = 'jose-local';

/** The subject/session id a verifier's result talks about (jose: { payload }; Stytch SDK: a Session object). */
export function resultIds(r) {
  const p = r?.payload;
  if (p) return { sub: p.sub, session_id: p['https://stytch.com/session']?.id };
  const s = r?.session ?? r;
  return { sub: s?.user_id, session_id: s?.session_id };
}
