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
import { MEMBER_SESSION_ID, ORG_ID, ORG_POLICY, OTHER_ORG_ID, PROJECT_POLICY, b2bAuthenticateResponse, signMember } from '../fixtures/b2b.js';
import { bundle, type Bundle } from '@tessera/test-utils';

const ENTRY = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));

let srv: FakeServer;
let signer: Signer;
let worker: Bundle;
let mf: Miniflare;

async function call(op: 'local' | 'jwt' | 'b2b-local' | 'b2b-jwt', session_jwt: string, authorization_check?: object) {
  const res = await mf.dispatchFetch('http://worker.local/', { method: 'POST', body: JSON.stringify({ op, session_jwt, authorization_check }) });
  return (await res.json()) as { ok: boolean; result?: Record<string, unknown>; code?: string; clockSkew?: { skewMs: number; uncertaintyMs: number } | null };
}

beforeAll(async () => {
  [srv, signer, worker] = await Promise.all([startFakeServer(), makeSigner(), bundle(ENTRY, 'neutral')]);
  srv.keys = [signer.jwk];
  srv.jwksDelayMs = 100; // keep fetches in flight long enough to overlap
  srv.routes.set('POST /v1/sessions/authenticate', () => ({ body: authenticateResponse() }));
  srv.routes.set('POST /v1/b2b/sessions/authenticate', () => ({ body: b2bAuthenticateResponse() }));
  srv.routes.set('GET /v1/b2b/rbac/policy', () => ({ body: PROJECT_POLICY }));
  srv.routes.set(`GET /v1/b2b/rbac/organizations/${ORG_ID}`, () => ({ body: ORG_POLICY, delayMs: 100 }));
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

  it('B2BClient: member session JWTs verified locally, with local authorization checks from concurrent requests', async () => {
    const jwt = await signMember(signer, { roles: ['stytch_member', 'editor'] });
    const check = (action: string, organization_id = ORG_ID) => ({ organization_id, resource_id: 'documents', action });
    // Empty policy caches, concurrent requests: each fetches for itself in workerd; all complete.
    const results = await Promise.all([call('b2b-local', jwt, check('read')), call('b2b-local', jwt, check('write')), call('b2b-jwt', jwt, check('write'))]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(results[0]!.result).toMatchObject({ member_session_id: MEMBER_SESSION_ID, organization_id: ORG_ID, roles: ['stytch_member', 'editor'] });
    expect(Object.keys(results[2]!.result!).sort()).toEqual(['member_session', 'session_jwt']);
    expect(srv.requests.filter((r) => r.url.startsWith('/v1/b2b/sessions/jwks/')).every((r) => r.headers.authorization === undefined)).toBe(true);

    expect(await call('b2b-local', jwt, check('delete'))).toMatchObject({ ok: false, code: 'invalid_permissions' });
    expect(await call('b2b-local', jwt, check('read', OTHER_ORG_ID))).toMatchObject({ ok: false, code: 'tenancy_mismatch' });
    expect(await call('b2b-local', await signer.sign())).toMatchObject({ ok: false, code: 'jwt_invalid' }); // a consumer JWT
    const before = srv.requests.filter((r) => r.url === '/v1/b2b/sessions/authenticate').length;
    expect(await call('b2b-jwt', jwt, check('delete'))).toMatchObject({ ok: true, result: b2bAuthenticateResponse() });
    expect(srv.requests.filter((r) => r.url === '/v1/b2b/sessions/authenticate')).toHaveLength(before + 1);
  });
});
