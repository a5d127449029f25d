/**
 * B2B `/sdk/v1/b2b` routes: member sessions from the Basic header, the state fields the SDK reads
 * (`member_session`, `member`, `organization`), and the RBAC-checked routes refused without permission.
 */
import * as stytch from 'stytch';
import { describe, expect, it } from 'vitest';
import { createOrg, memberWithPassword } from '../b2b/helpers.js';
import { sdkCall, STRONG_PASSWORD, useSdkServer } from './helpers.js';

const t = useSdkServer();

/** A member of `org` logged in through the frontend API; returns the session token. */
async function login(org: stytch.Organization, member: stytch.Member): Promise<string> {
  const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', {
    body: { organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD, session_duration_minutes: 60 },
    origin: 'http://localhost:3000',
  });
  expect(r.status).toBe(200);
  return r.data.session_token as string;
}

async function orgWithAdminAndMember() {
  const org = await createOrg(t.b2b);
  const admin = await memberWithPassword(t.b2b, org.organization_id, { roles: ['stytch_admin'] });
  const member = await memberWithPassword(t.b2b, org.organization_id);
  return { org, admin, member, adminToken: await login(org, admin), memberToken: await login(org, member) };
}

describe('b2b passwords', () => {
  it('authenticate: member_session, member, organization and both tokens; wrong password and unknown member as the backend', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', { body: { organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD } });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ member_id: member.member_id, member_authenticated: true, intermediate_session_token: '', organization: { organization_id: org.organization_id } });
    expect(r.data.member_session.member_id).toBe(member.member_id);
    expect(r.data.session_token).toHaveLength(44);
    const wrong = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', { body: { organization_id: org.organization_id, email_address: member.email_address, password: 'wrong-password-1!' } });
    expect([wrong.status, wrong.body.error_type]).toEqual([401, 'unauthorized_credentials']);
    const unknown = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', { body: { organization_id: org.organization_id, email_address: 'nobody@example.com', password: STRONG_PASSWORD } });
    expect(unknown.body.error_type).toBe('member_not_found');
  });
  it('strength_check', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/strength_check', { body: { password: 'abc' } });
    expect(r.data).toMatchObject({ valid_password: false, strength_policy: 'zxcvbn' });
    expect(r.data).toHaveProperty('zxcvbn_feedback');
  });
  it('session/reset: the caller session sets a new password and keeps itself; other sessions end', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const a = await login(org, member);
    const b = await login(org, member);
    const NEW = 'member-new-passphrase-31!';
    const weak = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/session/reset', { body: { password: 'password' }, sessionToken: a });
    expect(weak.body.error_type).toBe('weak_password');
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/session/reset', { body: { password: NEW }, sessionToken: a });
    expect(r.status).toBe(200);
    expect(r.data.session_token).toBe(a);
    expect(r.data.member_session.member_id).toBe(member.member_id);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: b })).body.error_type).toBe('session_not_found');
    const relog = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', { body: { organization_id: org.organization_id, email_address: member.email_address, password: NEW } });
    expect(relog.status).toBe(200);
  });
  it('session/reset: a session whose password factor is older than 5 minutes is refused', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const a = await login(org, member);
    t.srv.clock.advance(6 * 60_000);
    try {
      const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/session/reset', { body: { password: 'member-new-passphrase-32!' }, sessionToken: a });
      expect(r.body.error_type).toBe('session_too_old_to_reset_password');
    } finally {
      t.srv.clock.advance(-6 * 60_000);
    }
  });
  it('existing_password/reset: revokes every session and starts a new one', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const a = await login(org, member);
    const body = { organization_id: org.organization_id, email_address: member.email_address, existing_password: 'nope-nope-nope-1!', new_password: 'member-new-passphrase-33!' };
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/passwords/existing_password/reset', { body })).body.error_type).toBe('unauthorized_credentials');
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/existing_password/reset', { body: { ...body, existing_password: STRONG_PASSWORD } });
    expect(r.status).toBe(200);
    expect(r.data.member_authenticated).toBe(true);
    expect(r.data.session_token).toHaveLength(44);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: a })).body.error_type).toBe('session_not_found');
  });
});

describe('b2b sessions', () => {
  it('authenticate from the header: member_session, member, organization', async () => {
    const { org, member, memberToken } = await orgWithAdminAndMember();
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: memberToken });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ session_token: memberToken, member: { member_id: member.member_id }, organization: { organization_id: org.organization_id } });
    expect(r.data.member_session.organization_id).toBe(org.organization_id);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {} })).body.error_type).toBe('user_unauthenticated');
  });
  it('a consumer session is no member session', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email: `c${Date.now()}@example.com`, password: STRONG_PASSWORD, session_duration_minutes: 60 } });
    const b = await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: r.data.session_token });
    expect(b.body.error_type).toBe('session_not_found');
  });
  it('revoke ends the caller session', async () => {
    const { memberToken } = await orgWithAdminAndMember();
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/revoke', { sessionToken: memberToken })).status).toBe(200);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: memberToken })).body.error_type).toBe('session_not_found');
  });
  it("revoke/{member_id}: one's own sessions, or anyone's with revoke-sessions on stytch.member; else 403", async () => {
    const { admin, member, adminToken, memberToken } = await orgWithAdminAndMember();
    const denied = await sdkCall(t.srv, `/sdk/v1/b2b/sessions/revoke/${admin.member_id}`, { sessionToken: memberToken });
    expect([denied.status, denied.body.error_type]).toEqual([403, 'session_authorization_error']);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: adminToken })).status).toBe(200);
    // Another organization's admin cannot reach this member.
    const other = await createOrg(t.b2b);
    const otherAdmin = await memberWithPassword(t.b2b, other.organization_id, { roles: ['stytch_admin'] });
    const tenancy = await sdkCall(t.srv, `/sdk/v1/b2b/sessions/revoke/${member.member_id}`, { sessionToken: await login(other, otherAdmin) });
    expect([tenancy.status, tenancy.body.error_type]).toEqual([403, 'session_authorization_tenancy_error']);
    const byAdmin = await sdkCall(t.srv, `/sdk/v1/b2b/sessions/revoke/${member.member_id}`, { sessionToken: adminToken });
    expect(byAdmin.status).toBe(200);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/sessions/authenticate', { body: {}, sessionToken: memberToken })).body.error_type).toBe('session_not_found');
    const self = await sdkCall(t.srv, `/sdk/v1/b2b/sessions/revoke/${admin.member_id}`, { sessionToken: adminToken });
    expect(self.status).toBe(200);
  });
  it('exchange: a session in another organization of the same person', async () => {
    const a = await createOrg(t.b2b);
    const b = await createOrg(t.b2b);
    const m = await memberWithPassword(t.b2b, a.organization_id);
    await memberWithPassword(t.b2b, b.organization_id, { email_address: m.email_address });
    const token = await login(a, m);
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/sessions/exchange', { body: { organization_id: b.organization_id, session_duration_minutes: 30 }, sessionToken: token });
    expect(r.status).toBe(200);
    expect(r.data.organization.organization_id).toBe(b.organization_id);
    expect(r.data.member_session.organization_id).toBe(b.organization_id);
    expect(r.data.session_token).not.toBe(token);
    const nobody = await createOrg(t.b2b);
    const missing = await sdkCall(t.srv, '/sdk/v1/b2b/sessions/exchange', { body: { organization_id: nobody.organization_id }, sessionToken: token });
    expect(missing.body.error_type).toBe('member_not_found');
  });
});

describe('b2b organizations', () => {
  it('organizations/me and organizations/members/me: the caller organization and member', async () => {
    const { org, member, memberToken } = await orgWithAdminAndMember();
    const o = await sdkCall(t.srv, '/sdk/v1/b2b/organizations/me', { method: 'GET', sessionToken: memberToken });
    expect(o.status).toBe(200);
    expect(o.data.organization.organization_id).toBe(org.organization_id);
    const m = await sdkCall(t.srv, '/sdk/v1/b2b/organizations/members/me', { method: 'GET', sessionToken: memberToken });
    expect(m.data.member.member_id).toBe(member.member_id);
    expect(m.data.member.email_address).toBe(member.email_address);
    expect((await sdkCall(t.srv, '/sdk/v1/b2b/organizations/me', { method: 'GET' })).body.error_type).toBe('user_unauthenticated');
  });
  it('me/members/search: needs search on stytch.member; only the caller organization', async () => {
    const { org, admin, member, adminToken, memberToken } = await orgWithAdminAndMember();
    const denied = await sdkCall(t.srv, '/sdk/v1/b2b/organizations/me/members/search', { body: {}, sessionToken: memberToken });
    expect([denied.status, denied.body.error_type]).toEqual([403, 'session_authorization_error']);
    await createOrg(t.b2b).then((o) => memberWithPassword(t.b2b, o.organization_id)); // someone elsewhere
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/organizations/me/members/search', { body: { organization_ids: ['ignored'], limit: 10 }, sessionToken: adminToken });
    expect(r.status).toBe(200);
    expect(r.data.members.map((x: { member_id: string }) => x.member_id).sort()).toEqual([admin.member_id, member.member_id].sort());
    expect(Object.keys(r.data.organizations)).toEqual([org.organization_id]);
    expect(r.data.results_metadata.total).toBe(2);
  });
});
