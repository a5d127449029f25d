import { describe, expect, it } from 'vitest';
import type * as stytch from 'stytch';
import { b2bClient, createOrg, decodeJwtHeader, errorOf, loggedIn, useB2BServer } from './helpers.js';

const t = useB2BServer({ TESSERA_KEY_ACTIVATION_DELAY_SECONDS: '0' });

describe('member session JWTs, verified locally by the official B2BClient', () => {
  it('authenticateJwtLocal accepts the JWT (JWKS fetched without credentials) and builds the MemberSession from its claims', async () => {
    const { org, member, login } = await loggedIn(t.client, { roles: ['stytch_admin'], claims: { team: 'blue' } });
    const s = login.member_session!;
    const local = await t.client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt });
    expect(local).toEqual({
      member_session_id: s.member_session_id,
      member_id: member.member_id,
      organization_id: org.organization_id,
      authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: s.authentication_factors[0]!.last_authenticated_at }],
      started_at: s.started_at,
      last_accessed_at: s.last_accessed_at,
      expires_at: new Date(s.expires_at).toISOString(),
      custom_claims: { team: 'blue' },
      roles: ['stytch_member', 'stytch_admin'],
      organization_slug: org.organization_slug,
    });
  });

  it('authenticateJwt answers locally while the JWT is fresh (no request_id: no API call)', async () => {
    const { login } = await loggedIn(t.client);
    const local = (await t.client.sessions.authenticateJwt({ session_jwt: login.session_jwt })) as Record<string, unknown>;
    expect(local.request_id).toBeUndefined();
    expect(local.session_jwt).toBe(login.session_jwt);
    expect((local.member_session as stytch.MemberSession).member_session_id).toBe(login.member_session!.member_session_id);
  });

  it('authenticateJwt falls back to the API for a JWT minted 10 minutes ago, and gets a fresh one', async () => {
    t.srv.clock.advance(-600_000);
    const { login } = await loggedIn(t.client);
    t.srv.clock.reset();
    await expect(t.client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt })).rejects.toMatchObject({ code: 'jwt_invalid' });
    const remote = (await t.client.sessions.authenticateJwt({ session_jwt: login.session_jwt })) as stytch.B2BSessionsAuthenticateResponse;
    expect(remote.status_code).toBe(200);
    expect(remote.request_id).toMatch(/^request-id-test-/);
    expect(remote.member_session.member_session_id).toBe(login.member_session!.member_session_id);
    expect(remote.session_token).toBe(login.session_token);
    expect(remote.session_jwt).not.toBe(login.session_jwt);
    expect((await t.client.sessions.authenticateJwtLocal({ session_jwt: remote.session_jwt })).member_session_id).toBe(login.member_session!.member_session_id);
  });

  it('max_token_age_seconds: 0 always asks the API; a revoked session then fails though the JWT still verifies locally', async () => {
    const { login } = await loggedIn(t.client);
    await t.client.sessions.revoke({ session_jwt: login.session_jwt });
    expect((await t.client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt })).member_session_id).toBe(login.member_session!.member_session_id);
    expect(await errorOf(t.client.sessions.authenticateJwt({ session_jwt: login.session_jwt, max_token_age_seconds: 0 }))).toEqual([404, 'session_not_found']);
  });

  it('a local authorization_check reads the project policy and the organization\'s roles from the API', async () => {
    const { org, login } = await loggedIn(t.client, { roles: ['stytch_admin'] });
    const check = { organization_id: org.organization_id, resource_id: 'stytch.member', action: 'create' };
    const local = (await t.client.sessions.authenticateJwt({ session_jwt: login.session_jwt, authorization_check: check })) as Record<string, unknown>;
    expect(local.request_id).toBeUndefined(); // decided locally
    const member = await loggedIn(t.client, { org });
    await expect(t.client.sessions.authenticateJwtLocal({ session_jwt: member.login.session_jwt, authorization_check: check })).rejects.toMatchObject({ code: 'invalid_permissions' });
    // the fallback asks the API, which refuses with Stytch's 403
    expect(await errorOf(t.client.sessions.authenticateJwt({ session_jwt: member.login.session_jwt, authorization_check: check }))).toEqual([403, 'session_authorization_error']);
    const other = await createOrg(t.client);
    await expect(t.client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt, authorization_check: { ...check, organization_id: other.organization_id } })).rejects.toMatchObject({ code: 'tenancy_mismatch' });
    expect(await errorOf(t.client.sessions.authenticateJwt({ session_jwt: login.session_jwt, authorization_check: { ...check, organization_id: other.organization_id } }))).toEqual([403, 'session_authorization_tenancy_error']);
  });

  it('a JWT signed before a key rotation still verifies locally after it; new JWTs use the new key', async () => {
    const before = await loggedIn(t.client);
    const { kid } = await t.srv.rotateKeys({ immediate: true });
    const after = await loggedIn(t.client);
    expect(decodeJwtHeader(after.login.session_jwt).kid).toBe(kid);
    const fresh = b2bClient(t.srv);
    expect((await fresh.sessions.authenticateJwtLocal({ session_jwt: before.login.session_jwt })).member_id).toBe(before.member.member_id);
    expect((await fresh.sessions.authenticateJwtLocal({ session_jwt: after.login.session_jwt })).member_id).toBe(after.member.member_id);
  });
});
