/**
 * `/sdk/v1/b2b` passwordless and discovery routes, called as the browser SDK calls them (public-token Basic
 * auth, `{ data }` envelope, the IST sent back in the body).
 */
import { describe, expect, it } from 'vitest';
import { sdkCall, useSdkServer } from '../sdk/helpers.js';
import { createOrg, latestMail, linkToken, memberWithPassword, pkcePair, REDIRECT, STRONG_PASSWORD, uniqueEmail, uniqueSlug } from './helpers.js';

const t = useSdkServer();
const ORIGIN = 'http://localhost:3000';

describe('/sdk/v1/b2b passwordless', () => {
  it('magic link login_or_signup + authenticate with PKCE; redirect URLs must be on an allowed origin', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const bad = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/login_or_signup', {
      body: { organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: 'https://evil.example.net/cb' },
      origin: ORIGIN,
    });
    expect([bad.status, bad.body.error_type]).toEqual([400, 'invalid_magic_link_url']);
    const pkce = pkcePair();
    const sent = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/login_or_signup', {
      body: { organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT, pkce_code_challenge: pkce.challenge, dfp_telemetry_id: 'ignored' },
      origin: ORIGIN,
    });
    expect(sent.status).toBe(200);
    expect(sent.data).toMatchObject({ member_id: member.member_id, member_created: false });
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    const auth = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/authenticate', { body: { magic_links_token: token, pkce_code_verifier: pkce.verifier, session_duration_minutes: 60 }, origin: ORIGIN });
    expect(auth.status).toBe(200);
    expect(auth.data.member_authenticated).toBe(true);
    expect(auth.data.member_session.member_id).toBe(member.member_id);
    expect(auth.data.session_token).toHaveLength(44);
  });

  it('invite needs a member session with create on stytch.member', async () => {
    const org = await createOrg(t.b2b);
    const admin = await memberWithPassword(t.b2b, org.organization_id, { roles: ['stytch_admin'] });
    const plain = await memberWithPassword(t.b2b, org.organization_id);
    const login = async (email: string) =>
      (await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', { body: { organization_id: org.organization_id, email_address: email, password: STRONG_PASSWORD } })).data.session_token as string;
    const email = uniqueEmail('sdkinvite');
    const anon = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/invite', { body: { email_address: email, invite_redirect_url: REDIRECT } });
    expect([anon.status, anon.body.error_type]).toEqual([401, 'user_unauthenticated']);
    const denied = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/invite', { body: { email_address: email, invite_redirect_url: REDIRECT }, sessionToken: await login(plain.email_address) });
    expect([denied.status, denied.body.error_type]).toEqual([403, 'session_authorization_error']);
    const ok = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/invite', { body: { email_address: email, invite_redirect_url: REDIRECT }, sessionToken: await login(admin.email_address) });
    expect(ok.status).toBe(200);
    expect(ok.data.member).toMatchObject({ email_address: email, status: 'invited', organization_id: org.organization_id });
  });

  it('email OTP login_or_signup + authenticate', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const sent = await sdkCall(t.srv, '/sdk/v1/b2b/otps/email/login_or_signup', { body: { organization_id: org.organization_id, email_address: member.email_address } });
    expect(sent.status).toBe(200);
    const code = (await latestMail(t.srv, member.email_address)).code!;
    const auth = await sdkCall(t.srv, '/sdk/v1/b2b/otps/email/authenticate', { body: { organization_id: org.organization_id, email_address: member.email_address, code, session_duration_minutes: 60 } });
    expect(auth.status).toBe(200);
    expect(auth.data.member_session.authentication_factors[0].type).toBe('email_otp');
  });

  it('discovery: send -> authenticate -> organizations -> create, and exchange', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const send = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/discovery/send', { body: { email_address: member.email_address, discovery_redirect_url: REDIRECT } });
    expect(send.status).toBe(200);
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    const d = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/discovery/authenticate', { body: { discovery_magic_links_token: token } });
    expect(d.status).toBe(200);
    const ist = d.data.intermediate_session_token as string;
    const list = await sdkCall(t.srv, '/sdk/v1/b2b/discovery/organizations', { body: { intermediate_session_token: ist } });
    expect(list.data.discovered_organizations.map((o: any) => o.organization.organization_id)).toEqual([org.organization_id]);
    const ex = await sdkCall(t.srv, '/sdk/v1/b2b/discovery/intermediate_sessions/exchange', { body: { intermediate_session_token: ist, organization_id: org.organization_id, session_duration_minutes: 60 } });
    expect(ex.status).toBe(200);
    expect(ex.data.member_authenticated).toBe(true);
    const mine = await sdkCall(t.srv, '/sdk/v1/b2b/discovery/organizations', { body: {}, sessionToken: ex.data.session_token });
    expect(mine.data.email_address).toBe(member.email_address);

    const email = uniqueEmail('sdkfounder');
    await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/discovery/send', { body: { email_address: email, discovery_redirect_url: REDIRECT } });
    const d2 = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/discovery/authenticate', { body: { discovery_magic_links_token: linkToken((await latestMail(t.srv, email)).link).token } });
    const created = await sdkCall(t.srv, '/sdk/v1/b2b/discovery/organizations/create', {
      body: { intermediate_session_token: d2.data.intermediate_session_token, organization_name: 'SDK Org', organization_slug: uniqueSlug('sdk'), session_duration_minutes: 60 },
    });
    expect(created.status).toBe(200);
    expect(created.data.member.roles.map((r: any) => r.role_id)).toContain('stytch_admin');
  });

  it('password reset by email', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    const start = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/email/reset/start', { body: { organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT } });
    expect(start.status).toBe(200);
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/email/reset', { body: { password_reset_token: token, password: 'sdk-reset-passphrase-19!', session_duration_minutes: 60 } });
    expect(r.status).toBe(200);
    expect(r.data.member_authenticated).toBe(true);
  });

  it('sandbox values are not served to the frontend API', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/login_or_signup', {
      body: { organization_id: 'organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b', email_address: 'sandbox@stytch.com', login_redirect_url: REDIRECT },
    });
    expect([r.status, r.body.error_type]).toEqual([404, 'organization_not_found']);
    const a = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/authenticate', { body: { magic_links_token: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=' } });
    expect([a.status, a.body.error_type]).toEqual([404, 'magic_link_not_found']);
  });

  it('passwords/authenticate takes the IST the SDK keeps: the discovery email factor joins the password factor', async () => {
    const org = await createOrg(t.b2b);
    const member = await memberWithPassword(t.b2b, org.organization_id);
    await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/email/discovery/send', { body: { email_address: member.email_address, discovery_redirect_url: REDIRECT } });
    const d = await sdkCall(t.srv, '/sdk/v1/b2b/magic_links/discovery/authenticate', { body: { discovery_magic_links_token: linkToken((await latestMail(t.srv, member.email_address)).link).token } });
    const r = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', {
      body: { organization_id: org.organization_slug, email_address: member.email_address, password: STRONG_PASSWORD, session_duration_minutes: 60, intermediate_session_token: d.data.intermediate_session_token },
    });
    expect(r.status).toBe(200);
    expect(r.data.member_session.authentication_factors.map((f: any) => f.type).sort()).toEqual(['magic_link', 'password']);
    const reused = await sdkCall(t.srv, '/sdk/v1/b2b/passwords/authenticate', {
      body: { organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD, intermediate_session_token: d.data.intermediate_session_token },
    });
    expect([reused.status, reused.body.error_type]).toEqual([404, 'intermediate_session_not_found']);
  });
});
