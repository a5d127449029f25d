import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { startServer, type TestServer } from '@tessera/test-utils';
import { decodeJwtHeader, officialClient, STRONG_PASSWORD, stytchError, uniqueEmail } from './helpers.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ env: { TESSERA_KEY_ACTIVATION_DELAY_SECONDS: '0' } });
});
afterAll(() => srv.close());

const login = (client: stytch.Client, claims?: Record<string, unknown>) =>
  client.passwords.create({ email: uniqueEmail('jwt'), password: STRONG_PASSWORD, session_duration_minutes: 60, ...(claims ? { session_custom_claims: claims } : {}) });

describe('local JWT verification with the official client', () => {
  it('JWKS answers unauthenticated GETs with 200 and JSON', async () => {
    const r = await fetch(`${srv.url}/v1/sessions/jwks/${srv.project.project_id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const body = await r.json();
    expect(body.keys).toHaveLength(1);
    expect(body.status_code).toBe(200);
    const unknown = await fetch(`${srv.url}/v1/sessions/jwks/project-test-00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error_type).toBe('project_not_found');
  });

  it('authenticateJwtLocal verifies with the JWKS fetched without credentials and builds the session from the claims', async () => {
    const client = officialClient(srv);
    const res = await login(client, { team: 'blue' });
    const s = await client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt });
    expect(s).toEqual({
      session_id: res.session!.session_id,
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: res.session!.authentication_factors[0]!.last_authenticated_at }],
      user_id: res.user_id,
      started_at: res.session!.started_at,
      last_accessed_at: res.session!.last_accessed_at,
      expires_at: new Date(res.session!.expires_at!).toISOString(),
      custom_claims: { team: 'blue' },
      roles: ['stytch_user'],
    });
  });

  it('authenticateJwt answers locally while the JWT is fresh (no request_id: no API call)', async () => {
    const client = officialClient(srv);
    const res = await login(client);
    const local = (await client.sessions.authenticateJwt({ session_jwt: res.session_jwt })) as Record<string, unknown>;
    expect(local.session_jwt).toBe(res.session_jwt);
    expect(local.request_id).toBeUndefined();
    expect((local.session as { session_id: string }).session_id).toBe(res.session!.session_id);
  });

  it('authenticateJwt falls back to the API when the JWT has expired, and gets a fresh JWT', async () => {
    const client = officialClient(srv);
    srv.clock.advance(-10 * 60_000); // mint the JWT 10 minutes in the past: expired in real time
    const res = await login(client);
    srv.clock.reset();
    await expect(client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt })).rejects.toMatchObject({ code: 'jwt_invalid' });
    const remote = (await client.sessions.authenticateJwt({ session_jwt: res.session_jwt })) as stytch.SessionsAuthenticateResponse;
    expect(remote.status_code).toBe(200);
    expect(remote.request_id).toMatch(/^request-id-test-/);
    expect(remote.session.session_id).toBe(res.session!.session_id);
    expect(remote.session_jwt).not.toBe(res.session_jwt);
    expect(remote.session_token).toBe(res.session_token);
    // the fresh JWT verifies locally
    expect((await client.sessions.authenticateJwtLocal({ session_jwt: remote.session_jwt })).session_id).toBe(res.session!.session_id);
  });

  it('authenticateJwt with max_token_age_seconds: 0 always asks the API; a revoked session then fails', async () => {
    const client = officialClient(srv);
    const res = await login(client);
    await client.sessions.revoke({ session_jwt: res.session_jwt });
    // Local verification alone still accepts the JWT until it expires (Stytch's documented 5-minute window) ...
    expect((await client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt })).session_id).toBe(res.session!.session_id);
    // ... and forcing the API check sees the revocation.
    expect((await stytchError(client.sessions.authenticateJwt({ session_jwt: res.session_jwt, max_token_age_seconds: 0 }))).error_type).toBe('session_not_found');
  });

  it('a JWT signed before a key rotation still verifies locally after it, and new JWTs use the new key', async () => {
    const client = officialClient(srv);
    const before = await login(client);
    const { kid } = await srv.rotateKeys({ immediate: true });
    const after = await login(client);
    expect(decodeJwtHeader(after.session_jwt).kid).toBe(kid);
    expect(decodeJwtHeader(before.session_jwt).kid).not.toBe(kid);
    const fresh = officialClient(srv); // a verifier that never saw the old JWKS
    expect((await fresh.sessions.authenticateJwtLocal({ session_jwt: before.session_jwt })).session_id).toBe(before.session!.session_id);
    expect((await fresh.sessions.authenticateJwtLocal({ session_jwt: after.session_jwt })).session_id).toBe(after.session!.session_id);
    const jwks = await client.sessions.getJWKS({ project_id: srv.project.project_id });
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([kid, decodeJwtHeader(before.session_jwt).kid]));
  });
});
