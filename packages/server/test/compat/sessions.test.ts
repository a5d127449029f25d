import { describe, expect, it } from 'vitest';
import { decodeJwtHeader, decodeJwtPayload, officialClient, RFC3339, STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from './helpers.js';

const t = useServer();

async function login(minutes = 60, claims?: Record<string, unknown>) {
  return t.client.passwords.create({
    email: uniqueEmail('sess'),
    password: STRONG_PASSWORD,
    session_duration_minutes: minutes,
    ...(claims ? { session_custom_claims: claims } : {}),
  });
}

describe('sessions, through the official stytch t.client', () => {
  it('a login returns a 44-char opaque token, a Stytch session and a 5-minute RS256 JWT with the Stytch claims', async () => {
    const res = await login(60, { tier: 'gold' });
    expect(res.session_token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    const s = res.session!;
    expect(s.session_id).toMatch(/^session-test-[0-9a-f-]{36}$/);
    expect(s).toMatchObject({
      user_id: res.user_id,
      attributes: { ip_address: '', user_agent: '' },
      custom_claims: { tier: 'gold' },
      roles: ['stytch_user'],
    });
    for (const t of [s.started_at, s.last_accessed_at, s.expires_at]) expect(t).toMatch(RFC3339);
    expect(Date.parse(s.expires_at!) - Date.parse(s.started_at!)).toBe(60 * 60_000);
    expect(s.authentication_factors).toHaveLength(1);
    expect(s.authentication_factors[0]).toMatchObject({ type: 'password', delivery_method: 'knowledge' });
    expect(s.authentication_factors[0]!.created_at).toMatch(RFC3339);

    const header = decodeJwtHeader(res.session_jwt);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(header.kid).toMatch(/^jwk-test-[0-9a-f-]{36}$/);
    const p = decodeJwtPayload(res.session_jwt);
    const pid = t.srv.project.project_id;
    expect(p).toMatchObject({ aud: [pid], iss: `stytch.com/${pid}`, sub: res.user_id, tier: 'gold' });
    expect(p.exp).toBe((p.iat as number) + 300);
    expect(p.nbf).toBe(p.iat);
    expect(p['https://stytch.com/session']).toEqual({
      id: s.session_id,
      started_at: s.started_at,
      last_accessed_at: s.last_accessed_at,
      expires_at: s.expires_at,
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: s.authentication_factors[0]!.last_authenticated_at }],
      roles: ['stytch_user'],
    });
  });

  it('without session_duration_minutes no session is minted: empty-string tokens and session null', async () => {
    const res = await t.client.passwords.create({ email: uniqueEmail('nosess'), password: STRONG_PASSWORD });
    expect(res.session_token).toBe('');
    expect(res.session_jwt).toBe('');
    expect(res.session ?? null).toBeNull();
    expect((await t.client.sessions.get({ user_id: res.user_id })).sessions).toEqual([]);
  });

  it('authenticate by token: touches last_accessed_at, mints a fresh JWT, does not extend without a duration', async () => {
    const res = await login(60);
    t.srv.clock.advance(90_000);
    const a = await t.client.sessions.authenticate({ session_token: res.session_token });
    expect(a.session.session_id).toBe(res.session!.session_id);
    expect(a.session_token).toBe(res.session_token);
    expect(a.session_jwt).not.toBe(res.session_jwt);
    expect(a.user.user_id).toBe(res.user_id);
    expect(Date.parse(a.session.last_accessed_at!)).toBeGreaterThan(Date.parse(res.session!.last_accessed_at!));
    expect(a.session.expires_at).toBe(res.session!.expires_at);
    t.srv.clock.reset();
  });

  it('authenticate by JWT returns the opaque token too, and accepts an expired JWT of a live session', async () => {
    const res = await login(60);
    const byJwt = await t.client.sessions.authenticate({ session_jwt: res.session_jwt });
    expect(byJwt.session_token).toBe(res.session_token);
    t.srv.clock.advance(10 * 60_000); // the JWT is now 10 minutes old (expired), the session still live
    const late = await t.client.sessions.authenticate({ session_jwt: res.session_jwt });
    expect(late.session.session_id).toBe(res.session!.session_id);
    expect(decodeJwtPayload(late.session_jwt).iat).toBeGreaterThan(decodeJwtPayload(res.session_jwt).iat as number);
    t.srv.clock.reset();
  });

  it('session_duration_minutes resets the expiry to now + duration', async () => {
    const res = await login(10);
    t.srv.clock.set(Date.now() + 5 * 60_000); // frozen, so the expected expiry is exact
    const a = await t.client.sessions.authenticate({ session_token: res.session_token, session_duration_minutes: 120 });
    expect(Date.parse(a.session.expires_at!)).toBe(Math.floor(t.srv.clock.now() / 1000) * 1000 + 120 * 60_000);
    t.srv.clock.reset();
    expect((await stytchError(t.client.sessions.authenticate({ session_token: res.session_token, session_duration_minutes: 4 }))).error_type).toBe(
      'invalid_session_duration_minutes',
    );
    expect((await stytchError(t.client.sessions.authenticate({ session_token: res.session_token, session_duration_minutes: 527041 }))).error_type).toBe(
      'invalid_session_duration_minutes',
    );
  });

  it('session_custom_claims merge, null deletes, reserved claims are ignored, 4 KB cap', async () => {
    const res = await login(60, { a: 1, b: 2 });
    const a = await t.client.sessions.authenticate({ session_token: res.session_token, session_custom_claims: { b: null, c: 'x', sub: 'evil' } });
    expect(a.session.custom_claims).toEqual({ a: 1, c: 'x' });
    const p = decodeJwtPayload(a.session_jwt);
    expect(p).toMatchObject({ a: 1, c: 'x', sub: res.user_id });
    expect(p.b).toBeUndefined();
    const big = await stytchError(t.client.sessions.authenticate({ session_token: res.session_token, session_custom_claims: { big: 'x'.repeat(5000) } }));
    expect([big.status_code, big.error_type]).toEqual([400, 'custom_claims_too_large']);
    const ns = await stytchError(t.client.sessions.authenticate({ session_token: res.session_token, session_custom_claims: { 'https://stytch.com/session': 1 } }));
    expect(ns.error_type).toBe('stytch_claims_in_custom_claims');
    // a refused update changed nothing
    expect((await t.client.sessions.authenticate({ session_token: res.session_token })).session.custom_claims).toEqual({ a: 1, c: 'x' });
  });

  it('needs exactly one of session_token and session_jwt', async () => {
    const res = await login();
    const both = await stytchError(t.client.sessions.authenticate({ session_token: res.session_token, session_jwt: res.session_jwt }));
    expect([both.status_code, both.error_type]).toEqual([400, 'too_many_session_arguments']);
    const none = await stytchError(t.client.sessions.authenticate({} as never));
    expect([none.status_code, none.error_type]).toEqual([400, 'no_session_arguments']);
  });

  it('unknown, garbage, expired and revoked sessions are 404 session_not_found', async () => {
    const nf = async (p: Promise<unknown>) => {
      const e = await stytchError(p);
      expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
    };
    await nf(t.client.sessions.authenticate({ session_token: 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q' }));
    await nf(t.client.sessions.authenticate({ session_token: 'x' }));
    const res = await login(5);
    t.srv.clock.advance(5 * 60_000 + 1000);
    await nf(t.client.sessions.authenticate({ session_token: res.session_token }));
    await nf(t.client.sessions.authenticate({ session_jwt: res.session_jwt }));
    t.srv.clock.reset();
    const garbage = await stytchError(t.client.sessions.authenticate({ session_jwt: 'not.a.jwt' }));
    expect(garbage.error_type).toBe('unable_to_parse_session_jwt');
  });

  it('a JWT from another project is refused', async () => {
    const other = await t.srv.createProject();
    const otherClient = officialClient(t.srv, other);
    const res = await otherClient.passwords.create({ email: uniqueEmail('other'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    expect((await stytchError(t.client.sessions.authenticate({ session_jwt: res.session_jwt }))).error_type).toBe('session_not_found');
    expect((await stytchError(t.client.sessions.authenticate({ session_token: res.session_token }))).error_type).toBe('session_not_found');
  });

  it('sessions.get lists the live sessions of a user; unknown user is user_not_found', async () => {
    const email = uniqueEmail('list');
    const first = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const second = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const list = await t.client.sessions.get({ user_id: first.user_id });
    expect(list.sessions.map((s) => s.session_id)).toEqual([first.session!.session_id, second.session!.session_id]);
    await t.client.sessions.revoke({ session_id: first.session!.session_id });
    expect((await t.client.sessions.get({ user_id: first.user_id })).sessions.map((s) => s.session_id)).toEqual([second.session!.session_id]);
    const e = await stytchError(t.client.sessions.get({ user_id: 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd' }));
    expect([e.status_code, e.error_type]).toEqual([404, 'user_not_found']);
  });

  it('sessions.revoke by session_id, session_token or session_jwt; exactly one', async () => {
    for (const by of ['session_id', 'session_token', 'session_jwt'] as const) {
      const res = await login();
      const arg = by === 'session_id' ? res.session!.session_id : by === 'session_token' ? res.session_token : res.session_jwt;
      const r = await t.client.sessions.revoke({ [by]: arg });
      expect(r.status_code).toBe(200);
      expect(r.request_id).toMatch(/^request-id-test-/);
      expect((await stytchError(t.client.sessions.authenticate({ session_token: res.session_token }))).error_type).toBe('session_not_found');
      expect((await stytchError(t.client.sessions.revoke({ [by]: arg }))).error_type).toBe('session_not_found');
    }
    const res = await login();
    expect((await stytchError(t.client.sessions.revoke({ session_id: res.session!.session_id, session_token: res.session_token }))).error_type).toBe(
      'too_many_session_revoke_arguments',
    );
    expect((await stytchError(t.client.sessions.revoke({}))).error_type).toBe('no_session_revoke_arguments');
  });

  it('sessions.getJWKS lists the RS256 key the JWTs are signed with', async () => {
    const res = await login();
    const jwks = await t.client.sessions.getJWKS({ project_id: t.srv.project.project_id });
    expect(jwks.status_code).toBe(200);
    expect(jwks.keys.map((k) => k.kid)).toContain(decodeJwtHeader(res.session_jwt).kid);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', key_ops: ['verify'], e: 'AQAB', x5c: [] });
  });
});
