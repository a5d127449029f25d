import { describe, expect, it } from 'vitest';
import type * as stytch from 'stytch';
import { b2bClient, createOrg, decodeJwtHeader, decodeJwtPayload, errorOf, loggedIn, memberWithPassword, RFC3339, STRONG_PASSWORD, useB2BServer } from './helpers.js';

const t = useB2BServer();


describe('member sessions, through the official B2BClient', () => {
  it('the session JWT: Stytch registered claims, sub = member_id, the session and organization claims', async () => {
    const { org, member, login } = await loggedIn(t.client, { roles: ['stytch_admin'], claims: { plan: 'pro' } });
    const s = login.member_session!;
    const header = decodeJwtHeader(login.session_jwt);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(header.kid).toMatch(/^jwk-test-/);
    const p = decodeJwtPayload(login.session_jwt);
    const pid = t.srv.project.project_id;
    expect(p).toMatchObject({ aud: [pid], iss: `stytch.com/${pid}`, sub: member.member_id, plan: 'pro' });
    expect(p.exp).toBe((p.iat as number) + 300);
    expect(p.nbf).toBe(p.iat);
    expect(p['https://stytch.com/organization']).toEqual({ organization_id: org.organization_id, slug: org.organization_slug });
    expect(p['https://stytch.com/session']).toEqual({
      id: s.member_session_id,
      started_at: s.started_at,
      last_accessed_at: s.last_accessed_at,
      expires_at: s.expires_at,
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: s.authentication_factors[0]!.last_authenticated_at }],
      roles: ['stytch_member', 'stytch_admin'],
    });
  });

  it('authenticate by token: touches last_accessed_at, fresh JWT, no extension without a duration', async () => {
    const { member, login } = await loggedIn(t.client);
    t.srv.clock.advance(90_000);
    const a = await t.client.sessions.authenticate({ session_token: login.session_token });
    t.srv.clock.reset();
    expect(a.status_code).toBe(200);
    expect(a.member_session.member_session_id).toBe(login.member_session!.member_session_id);
    expect(a.session_token).toBe(login.session_token);
    expect(a.session_jwt).not.toBe(login.session_jwt);
    expect(a.member.member_id).toBe(member.member_id);
    expect(a.organization.organization_id).toBe(login.organization_id);
    expect(a.verdict).toBeUndefined();
    for (const at of [a.member_session.started_at, a.member_session.last_accessed_at, a.member_session.expires_at]) expect(at).toMatch(RFC3339);
    expect(Date.parse(a.member_session.last_accessed_at)).toBeGreaterThan(Date.parse(login.member_session!.last_accessed_at));
    expect(a.member_session.expires_at).toBe(login.member_session!.expires_at);
  });

  it('authenticate by JWT returns the opaque token too, and accepts an expired JWT of a live session', async () => {
    const { login } = await loggedIn(t.client);
    const byJwt = await t.client.sessions.authenticate({ session_jwt: login.session_jwt });
    expect(byJwt.session_token).toBe(login.session_token);
    t.srv.clock.advance(10 * 60_000);
    const late = await t.client.sessions.authenticate({ session_jwt: login.session_jwt });
    t.srv.clock.reset();
    expect(late.member_session.member_session_id).toBe(login.member_session!.member_session_id);
    expect(decodeJwtPayload(late.session_jwt).iat).toBeGreaterThan(decodeJwtPayload(login.session_jwt).iat as number);
  });

  it('session_duration_minutes resets the expiry; custom claims merge; the session ends at expiry', async () => {
    const { login } = await loggedIn(t.client, { minutes: 10, claims: { a: 1, b: 2 } });
    t.srv.clock.set(Date.now() + 5 * 60_000); // frozen, so the expected expiry is exact
    const a = await t.client.sessions.authenticate({ session_token: login.session_token, session_duration_minutes: 120, session_custom_claims: { b: null, c: 3 } });
    expect(Date.parse(a.member_session.expires_at)).toBe(Math.floor(t.srv.clock.now() / 1000) * 1000 + 120 * 60_000);
    expect(a.member_session.custom_claims).toEqual({ a: 1, c: 3 });
    expect(decodeJwtPayload(a.session_jwt)).toMatchObject({ a: 1, c: 3 });
    t.srv.clock.advance(121 * 60_000);
    expect(await errorOf(t.client.sessions.authenticate({ session_token: login.session_token }))).toEqual([404, 'session_not_found']);
    t.srv.clock.reset();
  });

  it('negative: authenticate validators, and a refused request changes nothing', async () => {
    const { login } = await loggedIn(t.client, { claims: { keep: true } });
    const auth = (body: Record<string, unknown>) => errorOf(t.client.sessions.authenticate(body as never));
    expect(await auth({ session_token: login.session_token, session_jwt: login.session_jwt })).toEqual([400, 'too_many_session_arguments']);
    expect(await auth({})).toEqual([400, 'no_session_arguments']);
    expect(await auth({ session_token: 'x' })).toEqual([404, 'session_not_found']);
    expect(await auth({ session_token: 12 })).toEqual([400, 'invalid_session_token']);
    expect(await auth({ session_jwt: 'not.a.jwt' })).toEqual([400, 'unable_to_parse_session_jwt']);
    expect(await auth({ session_token: login.session_token, session_duration_minutes: 527041 })).toEqual([400, 'invalid_session_duration_minutes']);
    expect(await auth({ session_token: login.session_token, session_custom_claims: { big: 'x'.repeat(5000) } })).toEqual([400, 'custom_claims_too_large']);
    expect(await auth({ session_token: login.session_token, session_custom_claims: [1] })).toEqual([400, 'unable_to_represent_custom_claims_json']);
    expect(await auth({ session_token: login.session_token, authorization_check: { resource_id: 'x' } })).toEqual([400, 'invalid_argument']);
    const after = await t.client.sessions.authenticate({ session_token: login.session_token });
    expect(after.member_session.custom_claims).toEqual({ keep: true });
    expect(after.member_session.expires_at).toBe(login.member_session!.expires_at);
  });

  it('a consumer session token or JWT is not a member session', async () => {
    const consumer = await fetch(`${t.srv.url}/v1/passwords`, {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64'), 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'consumer.b2b@example.com', password: STRONG_PASSWORD, session_duration_minutes: 60 }),
    }).then((r) => r.json() as Promise<{ session_token: string; session_jwt: string }>);
    expect(await errorOf(t.client.sessions.authenticate({ session_token: consumer.session_token }))).toEqual([404, 'session_not_found']);
    expect(await errorOf(t.client.sessions.authenticate({ session_jwt: consumer.session_jwt }))).toEqual([404, 'session_not_found']);
  });

  it('a session of another project is refused', async () => {
    const other = await t.srv.createProject();
    const otherClient = b2bClient(t.srv, other);
    const { login } = await loggedIn(otherClient);
    expect(await errorOf(t.client.sessions.authenticate({ session_token: login.session_token }))).toEqual([404, 'session_not_found']);
    expect(await errorOf(t.client.sessions.authenticate({ session_jwt: login.session_jwt }))).toEqual([404, 'session_not_found']);
  });

  it('get lists the live sessions of a member by organization + member', async () => {
    const { org, member, login } = await loggedIn(t.client);
    const second = await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD });
    const list = await t.client.sessions.get({ organization_id: org.organization_id, member_id: member.member_id });
    expect(list.member_sessions.map((s) => s.member_session_id)).toEqual([login.member_session!.member_session_id, second.member_session!.member_session_id]);
    expect(list.member_sessions[0]).toMatchObject({ member_id: member.member_id, organization_slug: org.organization_slug, roles: ['stytch_member'] });
    expect(await errorOf(t.client.sessions.get({ organization_id: org.organization_id, member_id: 'member-test-nope' }))).toEqual([404, 'member_not_found']);
    expect(await errorOf(t.client.sessions.get({ organization_id: 'organization-test-nope', member_id: member.member_id }))).toEqual([404, 'organization_not_found']);
    expect(await errorOf(t.client.sessions.get({ organization_id: org.organization_id } as never))).toEqual([400, 'invalid_argument']);
  });

  it('revoke by member_session_id, session_token or session_jwt; exactly one', async () => {
    for (const by of ['member_session_id', 'session_token', 'session_jwt'] as const) {
      const { login } = await loggedIn(t.client);
      const arg = by === 'member_session_id' ? login.member_session!.member_session_id : login[by];
      const r = await t.client.sessions.revoke({ [by]: arg });
      expect(r.status_code).toBe(200);
      expect(await errorOf(t.client.sessions.authenticate({ session_token: login.session_token }))).toEqual([404, 'session_not_found']);
      expect(await errorOf(t.client.sessions.revoke({ [by]: arg }))).toEqual([404, 'session_not_found']);
    }
    const { login } = await loggedIn(t.client);
    expect(await errorOf(t.client.sessions.revoke({ member_session_id: login.member_session!.member_session_id, session_token: login.session_token }))).toEqual([400, 'too_many_session_revoke_arguments']);
    expect(await errorOf(t.client.sessions.revoke({}))).toEqual([400, 'no_session_revoke_arguments']);
    expect(await errorOf(t.client.sessions.revoke({ member_id: 'member-test-nope' }))).toEqual([404, 'member_not_found']);
  });

  it('revoke by member_id ends every session of that member, and only that member', async () => {
    const { org, member, login } = await loggedIn(t.client);
    const second = await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD });
    const bystander = await loggedIn(t.client, { org });
    await t.client.sessions.revoke({ member_id: member.member_id });
    for (const token of [login.session_token, second.session_token]) expect(await errorOf(t.client.sessions.authenticate({ session_token: token }))).toEqual([404, 'session_not_found']);
    expect((await t.client.sessions.get({ organization_id: org.organization_id, member_id: member.member_id })).member_sessions).toEqual([]);
    expect((await t.client.sessions.authenticate({ session_token: bystander.login.session_token })).status_code).toBe(200);
  });

  it('exchange to another organization of the same member: a new session there, carrying the factors', async () => {
    const { org: a, member, login } = await loggedIn(t.client, { claims: { stays: 'behind' } });
    const b = await createOrg(t.client);
    const there = await memberWithPassword(t.client, b.organization_id, { email_address: member.email_address, roles: ['stytch_admin'] });
    const ex = await t.client.sessions.exchange({ organization_id: b.organization_slug, session_token: login.session_token, session_duration_minutes: 30, session_custom_claims: { fresh: 1 } });
    expect(ex).toMatchObject({ member_id: there.member_id, member_authenticated: true, intermediate_session_token: '', mfa_required: null, primary_required: null });
    expect(ex.organization.organization_id).toBe(b.organization_id);
    const s = ex.member_session!;
    expect(s).toMatchObject({ member_id: there.member_id, organization_id: b.organization_id, roles: ['stytch_member', 'stytch_admin'], custom_claims: { fresh: 1 } });
    expect(s.member_session_id).not.toBe(login.member_session!.member_session_id);
    expect(Date.parse(s.expires_at) - Date.parse(s.started_at)).toBe(30 * 60_000);
    expect(s.authentication_factors.map((f) => f.type)).toEqual(['password']);
    expect(decodeJwtPayload(ex.session_jwt)['https://stytch.com/organization']).toEqual({ organization_id: b.organization_id, slug: b.organization_slug });
    expect((await t.client.sessions.authenticate({ session_token: ex.session_token })).member.member_id).toBe(there.member_id);
    // the original session stays valid in its own organization
    expect((await t.client.sessions.authenticate({ session_jwt: login.session_jwt })).organization.organization_id).toBe(a.organization_id);
  });

  it('exchange: not a member there -> 404; an MFA organization answers an intermediate session', async () => {
    const { login, member } = await loggedIn(t.client);
    const stranger = await createOrg(t.client);
    expect(await errorOf(t.client.sessions.exchange({ organization_id: stranger.organization_id, session_token: login.session_token }))).toEqual([404, 'member_not_found']);
    const strict = await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' });
    await t.client.organizations.members.create({ organization_id: strict.organization_id, email_address: member.email_address });
    const ex = await t.client.sessions.exchange({ organization_id: strict.organization_id, session_jwt: login.session_jwt });
    expect(ex).toMatchObject({ member_authenticated: false, session_token: '', session_jwt: '', member_session: null, mfa_required: { member_options: null } });
    expect(ex.intermediate_session_token).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    const restricted = await createOrg(t.client, { auth_methods: 'RESTRICTED', allowed_auth_methods: ['sso'] });
    await t.client.organizations.members.create({ organization_id: restricted.organization_id, email_address: member.email_address });
    const ex2 = await t.client.sessions.exchange({ organization_id: restricted.organization_id, session_token: login.session_token });
    expect(ex2).toMatchObject({ member_authenticated: false, primary_required: { allowed_auth_methods: ['sso'] } });
    expect(await errorOf(t.client.sessions.exchange({ organization_id: strict.organization_id, session_token: 'nope' }))).toEqual([404, 'session_not_found']);
    expect(await errorOf(t.client.sessions.exchange({ organization_id: 'organization-test-nope', session_token: login.session_token }))).toEqual([404, 'organization_not_found']);
    expect(await errorOf(t.client.sessions.exchange({ organization_id: strict.organization_id, session_token: login.session_token, session_duration_minutes: 1 }))).toEqual([400, 'invalid_session_duration_minutes']);
  });

  it('JWKS at /v1/b2b/sessions/jwks/{project_id}: the key the member JWTs are signed with, no auth needed', async () => {
    const { login } = await loggedIn(t.client);
    const jwks = await t.client.sessions.getJWKS({ project_id: t.srv.project.project_id });
    expect(jwks.status_code).toBe(200);
    expect(jwks.keys.map((k) => k.kid)).toContain(decodeJwtHeader(login.session_jwt).kid);
    const open = await fetch(`${t.srv.url}/v1/b2b/sessions/jwks/${t.srv.project.project_id}`);
    expect(open.status).toBe(200);
    expect((await open.json()).keys).toEqual(jwks.keys);
    expect((await fetch(`${t.srv.url}/v1/b2b/sessions/jwks/project-test-00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
