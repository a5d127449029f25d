/**
 * `@tessera/node` local JWT verification running unchanged in workerd (Miniflare), against a loopback
 * JWKS and API on node:http.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import { apiError, startFakeServer, type FakeServer } from '../fixtures/fake-server.js';
import { PROJECT_ID, SECRET, SESSION_ID, makeSigner, type Signer } from '../fixtures/keys.js';
import { authenticateResponse } from '../fixtures/responses.js';
import { bundle, type Bundle } from './bundle.js';

const ENTRY = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));

let srv: FakeServer;
let signer: Signer;
let worker: Bundle;
let mf: Miniflare;

async function call(op: 'local' | 'jwt', session_jwt: string) {
  const res = await mf.dispatchFetch('http://worker.local/', { method: 'POST', body: JSON.stringify({ op, session_jwt }) });
  return (await res.json()) as { ok: boolean; result?: Record<string, unknown>; code?: string; clockSkew?: { skewMs: number; uncertaintyMs: number } | null };
}

beforeAll(async () => {
  [srv, signer, worker] = await Promise.all([startFakeServer(), makeSigner(), bundle(ENTRY, 'neutral')]);
  srv.keys = [signer.jwk];
  srv.jwksDelayMs = 100; // keep fetches in flight long enough to overlap
  srv.routes.set('POST /v1/sessions/authenticate', () => ({ body: authenticateResponse() }));
  mf = new Miniflare({
    modules: true,
    compatibilityDate: '2025-01-01',
    cf: false,
    script: worker.code,
    bindings: { BASE_URL: srv.url, PROJECT_ID, SECRET },
  });
  await mf.ready;
}, 60_000);
afterAll(async () => {
  await mf?.dispose();
  await srv?.close();
});

describe('workerd (Miniflare)', () => {
  it('bundles for a neutral platform with no Node builtin in the graph', async () => {
    expect(worker.inputs.some((f) => f.includes('packages/core/src/verify/'))).toBe(true);
    expect(worker.inputs.some((f) => f.includes('jose/dist/webapi'))).toBe(true);
    expect(worker.code).not.toMatch(/from\s*["']node:|require\(["']node:/);
    // A browser-platform bundle (what edge bundlers target) builds too.
    await expect(bundle(ENTRY, 'browser')).resolves.toBeTruthy();
  });

  it('verifies session JWTs locally from concurrent requests that each need the JWKS', async () => {
    // Empty cache, several requests at once: in workerd no request may await another's fetch, so each
    // one fetches for itself; all must complete (a shared promise would hang or throw there).
    const tokens = await Promise.all(Array.from({ length: 4 }, () => signer.sign()));
    const results = await Promise.all(tokens.map((t) => call('local', t)));
    for (const r of results) {
      expect(r.ok).toBe(true);
      expect(r.result).toMatchObject({ session_id: SESSION_ID, expires_at: expect.stringMatching(/\.000Z$/) });
    }
    const fetched = srv.jwksRequests().length;
    expect(fetched).toBeGreaterThanOrEqual(1);
    expect(srv.jwksRequests().every((r) => r.headers.authorization === undefined)).toBe(true);

    // Later requests reuse the cached keys: no further JWKS fetch.
    expect((await call('local', await signer.sign())).ok).toBe(true);
    expect(srv.jwksRequests()).toHaveLength(fetched);
  });

  it('measures the clock skew from the Date header inside workerd', async () => {
    const r = await call('local', await signer.sign());
    expect(r.clockSkew).not.toBeNull();
    expect(Math.abs(r.clockSkew!.skewMs)).toBeLessThanOrEqual(r.clockSkew!.uncertaintyMs + 1_000);
  });

  it('authenticateJwt returns { session, session_jwt } locally and falls back to the API for an expired JWT', async () => {
    const fresh = await signer.sign();
    const local = await call('jwt', fresh);
    expect(Object.keys(local.result!).sort()).toEqual(['session', 'session_jwt']);

    const expired = await signer.sign({ iat: Math.floor(Date.now() / 1000) - 600 });
    const before = srv.requests.filter((r) => r.url === '/v1/sessions/authenticate').length;
    const remote = await call('jwt', expired);
    expect(remote.result).toEqual(authenticateResponse());
    const calls = srv.requests.filter((r) => r.url === '/v1/sessions/authenticate');
    expect(calls).toHaveLength(before + 1);
    expect(JSON.parse(calls.at(-1)!.body)).toEqual({ session_jwt: expired });
  });

  it('reports local failures with the official ClientError codes', async () => {
    expect(await call('local', await signer.sign({ iat: Math.floor(Date.now() / 1000) - 600 }))).toMatchObject({
      ok: false,
      code: 'jwt_invalid',
    });
    srv.routes.set('POST /v1/sessions/authenticate', () => ({ status: 404, body: apiError(404, 'session_not_found', 'Session could not be found.') }));
    expect(await call('jwt', 'not.a.jwt')).toMatchObject({ ok: false, error_type: 'session_not_found' });
  });
});
