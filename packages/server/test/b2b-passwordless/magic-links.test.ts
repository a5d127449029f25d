import { describe, expect, it } from 'vitest';
import { createOrg, errorOf, latestMail, linkToken, mailCount, memberWithPassword, pkcePair, REDIRECT, STRONG_PASSWORD, uniqueDomain, uniqueEmail, useB2BServer } from './helpers.js';

const t = useB2BServer();

describe('B2B magic links: login_or_signup and authenticate', () => {
  it('an existing active member gets a login link that logs in with a 60-minute session and a verified email', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const sent = await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT, signup_redirect_url: REDIRECT });
    expect(sent.member_created).toBe(false);
    expect(sent.member_id).toBe(member.member_id);
    expect(sent.organization.organization_id).toBe(org.organization_id);
    const mail = await latestMail(t.srv, member.email_address);
    expect(mail.kind).toBe('login');
    expect(mail.expiration_minutes).toBe(60);
    const { token, type, base } = linkToken(mail.link);
    expect(type).toBe('multi_tenant_magic_links');
    expect(base).toBe(REDIRECT);
    expect(token).toHaveLength(44);

    const before = t.srv.clock.now();
    const auth = await t.client.magicLinks.authenticate({ magic_links_token: token });
    expect(auth.member_authenticated).toBe(true);
    expect(auth.intermediate_session_token).toBe('');
    expect(auth.member_id).toBe(member.member_id);
    expect(auth.organization_id).toBe(org.organization_id);
    expect(auth.reset_sessions).toBe(false);
    expect(auth.method_id).toMatch(/^member-email-test-/);
    expect(auth.member.email_address_verified).toBe(true);
    expect(auth.member_session!.authentication_factors[0]).toMatchObject({ type: 'magic_link', delivery_method: 'email', email_factor: { email_address: member.email_address } });
    const minutes = (Date.parse(auth.member_session!.expires_at) - before) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThan(61);
    const s = await t.client.sessions.authenticate({ session_token: auth.session_token });
    expect(s.member.member_id).toBe(member.member_id);

    // single use
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: token }))).toEqual([401, 'unable_to_auth_magic_link']);
  });

  it('unknown, expired and malformed tokens get the contract error types', async () => {
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: 'x'.repeat(44) }))).toEqual([404, 'magic_link_not_found']);
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT, login_expiration_minutes: 5 });
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    t.srv.clock.advance(5 * 60_000 + 1_000);
    try {
      expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: token }))).toEqual([401, 'unable_to_auth_magic_link']);
    } finally {
      t.srv.clock.advance(-(5 * 60_000 + 1_000));
    }
    expect(
      await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT, login_expiration_minutes: 4 })),
    ).toEqual([400, 'invalid_expiration_minutes']);
    expect(await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: 'not-an-email', login_redirect_url: REDIRECT }))).toEqual([400, 'invalid_email']);
    expect(await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: 'organization-test-nope', email_address: member.email_address, login_redirect_url: REDIRECT }))).toEqual([
      404,
      'organization_not_found',
    ]);
    expect(
      await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: 'javascript:alert(1)' })),
    ).toEqual([400, 'invalid_magic_link_url']);
  });

  it('JIT by email domain: RESTRICTED + allowed domain creates a pending member with a signup link; other domains and NOT_ALLOWED are refused without writing', async () => {
    const domain = uniqueDomain();
    const org = await createOrg(t.client, { email_jit_provisioning: 'RESTRICTED', email_allowed_domains: [domain] });
    const email = `new.${Date.now()}@${domain}`;
    const sent = await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: email, signup_redirect_url: REDIRECT });
    expect(sent.member_created).toBe(true);
    expect(sent.member.status).toBe('pending');
    const mail = await latestMail(t.srv, email);
    expect(mail.kind).toBe('signup');
    const auth = await t.client.magicLinks.authenticate({ magic_links_token: linkToken(mail.link).token, session_duration_minutes: 30 });
    expect(auth.member.status).toBe('active');
    expect(auth.member.email_address_verified).toBe(true);

    const outsider = uniqueEmail('outsider');
    expect(await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: outsider, signup_redirect_url: REDIRECT }))).toEqual([
      403,
      'invalid_email_for_jit_provisioning',
    ]);
    const closed = await createOrg(t.client);
    expect(await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: closed.organization_id, email_address: outsider, signup_redirect_url: REDIRECT }))).toEqual([
      403,
      'email_jit_provisioning_not_allowed',
    ]);
    expect(await mailCount(t.srv, outsider).catch(() => 0)).toBe(0);
    const search = await t.client.organizations.members.search({ organization_ids: [closed.organization_id, org.organization_id], query: { operator: 'AND', operands: [{ filter_name: 'member_emails', filter_value: [outsider] }] } });
    expect(search.members).toHaveLength(0);
  });

  it('restricted auth methods without magic_link refuse login_or_signup', async () => {
    const org = await createOrg(t.client, { auth_methods: 'RESTRICTED', allowed_auth_methods: ['password'] });
    const member = await memberWithPassword(t.client, org.organization_id);
    expect(await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT }))).toEqual([
      403,
      'operation_restricted_by_organization_auth_methods',
    ]);
  });

  it('PKCE: a link started with a challenge needs the matching verifier, checked before the link is spent', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const { verifier, challenge } = pkcePair();
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT, pkce_code_challenge: challenge });
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: token }))).toEqual([400, 'pkce_expected_code_verifier']);
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: token, pkce_code_verifier: pkcePair().verifier }))).toEqual([400, 'pkce_mismatch']);
    const ok = await t.client.magicLinks.authenticate({ magic_links_token: token, pkce_code_verifier: verifier });
    expect(ok.member_authenticated).toBe(true);
  });

  it('invite: an invited member (roles, name) authenticates its link and becomes active; active members cannot be invited', async () => {
    const org = await createOrg(t.client);
    const email = uniqueEmail('invitee');
    const inv = await t.client.magicLinks.email.invite({ organization_id: org.organization_id, email_address: email, invite_redirect_url: REDIRECT, name: 'Ivy', roles: ['stytch_admin'] });
    expect(inv.member.status).toBe('invited');
    expect(inv.member.name).toBe('Ivy');
    expect(inv.member.roles.map((r) => r.role_id)).toContain('stytch_admin');
    const mail = await latestMail(t.srv, email);
    expect(mail.kind).toBe('invite');
    expect(mail.expiration_minutes).toBe(10080);
    const auth = await t.client.magicLinks.authenticate({ magic_links_token: linkToken(mail.link).token });
    expect(auth.member.status).toBe('active');
    expect(auth.member_session!.roles).toContain('stytch_admin');
    expect(await errorOf(t.client.magicLinks.email.invite({ organization_id: org.organization_id, email_address: email, invite_redirect_url: REDIRECT }))).toEqual([400, 'duplicate_member_email']);
  });

  it('invite follows email_invites: NOT_ALLOWED and RESTRICTED outside the allowed domains are refused', async () => {
    const domain = uniqueDomain();
    const restricted = await createOrg(t.client, { email_invites: 'RESTRICTED', email_allowed_domains: [domain] });
    expect(await errorOf(t.client.magicLinks.email.invite({ organization_id: restricted.organization_id, email_address: uniqueEmail(), invite_redirect_url: REDIRECT }))).toEqual([
      403,
      'invalid_email_for_invites',
    ]);
    const ok = await t.client.magicLinks.email.invite({ organization_id: restricted.organization_id, email_address: `a.${Date.now()}@${domain}`, invite_redirect_url: REDIRECT });
    expect(ok.member.status).toBe('invited');
    const none = await createOrg(t.client, { email_invites: 'NOT_ALLOWED', email_jit_provisioning: 'RESTRICTED', email_allowed_domains: [domain] });
    expect(await errorOf(t.client.magicLinks.email.invite({ organization_id: none.organization_id, email_address: `b.${Date.now()}@${domain}`, invite_redirect_url: REDIRECT }))).toEqual([
      403,
      'invalid_email_for_invites',
    ]);
  });

  it('MFA-required organization: the magic link answers a redeemable, single-use intermediate session', async () => {
    const org = await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' });
    const member = await memberWithPassword(t.client, org.organization_id);
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT });
    const auth = await t.client.magicLinks.authenticate({ magic_links_token: linkToken((await latestMail(t.srv, member.email_address)).link).token });
    expect(auth.member_authenticated).toBe(false);
    expect(auth.session_token).toBe('');
    expect(auth.member_session).toBeNull();
    expect(auth.intermediate_session_token).toHaveLength(44);
    expect(auth.mfa_required).not.toBeNull();
    // The IST is redeemable: a password login in the same organization takes it, adds its factor, and
    // answers a new IST (MFA still missing); the first IST is then spent.
    const pw = await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD, intermediate_session_token: auth.intermediate_session_token });
    expect(pw.member_authenticated).toBe(false);
    expect(pw.intermediate_session_token).not.toBe(auth.intermediate_session_token);
    expect(
      await errorOf(t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD, intermediate_session_token: auth.intermediate_session_token })),
    ).toEqual([404, 'intermediate_session_not_found']);
    expect(
      await errorOf(t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD, intermediate_session_token: 'y'.repeat(44) })),
    ).toEqual([404, 'intermediate_session_not_found']);
  });

  it('a magic link authenticated with the member\'s session_token adds its factor to that session', async () => {
    const org = await createOrg(t.client, { auth_methods: 'RESTRICTED', allowed_auth_methods: ['magic_link', 'password'] });
    const member = await memberWithPassword(t.client, org.organization_id);
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT });
    const token = linkToken((await latestMail(t.srv, member.email_address)).link).token;
    const pw = await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD });
    expect(pw.member_authenticated).toBe(true);
    const ml = await t.client.magicLinks.authenticate({ magic_links_token: token, session_token: pw.session_token });
    expect(ml.member_session!.member_session_id).toBe(pw.member_session!.member_session_id);
    expect(ml.member_session!.authentication_factors.map((f) => f.type).sort()).toEqual(['magic_link', 'password']);
  });

  it('a refused send writes nothing: no member is created or invited when the redirect URL is bad', async () => {
    const domain = uniqueDomain();
    const org = await createOrg(t.client, { email_jit_provisioning: 'RESTRICTED', email_allowed_domains: [domain] });
    const jit = `jit.${Date.now()}@${domain}`;
    expect(await errorOf(t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: jit, signup_redirect_url: 'ftp://files.example.com/x' }))).toEqual([
      400,
      'invalid_magic_link_url',
    ]);
    const invitee = uniqueEmail('badinvite');
    const open = await createOrg(t.client);
    expect(await errorOf(t.client.magicLinks.email.invite({ organization_id: open.organization_id, email_address: invitee, invite_redirect_url: 'not a url' }))).toEqual([400, 'invalid_magic_link_url']);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id, email_address: jit }))).toEqual([404, 'member_not_found']);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: open.organization_id, email_address: invitee }))).toEqual([404, 'member_not_found']);
  });

  it("another member's IST is refused before the magic link is spent", async () => {
    const org = await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' });
    const a = await memberWithPassword(t.client, org.organization_id);
    const b = await memberWithPassword(t.client, org.organization_id);
    const ist = (await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: a.email_address, password: STRONG_PASSWORD })).intermediate_session_token;
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: b.email_address, login_redirect_url: REDIRECT });
    const token = linkToken((await latestMail(t.srv, b.email_address)).link).token;
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: token, intermediate_session_token: ist }))).toEqual([404, 'intermediate_session_not_found']);
    const ok = await t.client.magicLinks.authenticate({ magic_links_token: token });
    expect(ok.member_id).toBe(b.member_id);
    // The refused request did not spend A's IST either.
    const withA = await t.client.discovery.organizations.list({ intermediate_session_token: ist });
    expect(withA.email_address).toBe(a.email_address);
  });
});

describe('consumer and B2B links share one token space', () => {
  it('a B2B link tried on the consumer authenticate is unknown there and stays usable; a consumer link is unknown to B2B', async () => {
    const stytch = await import('stytch');
    const consumer = new stytch.Client({ project_id: t.srv.project.project_id, secret: t.srv.project.secret, env: `${t.srv.url}/` });
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT });
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    expect(await errorOf(consumer.magicLinks.authenticate({ token, session_duration_minutes: 60 }))).toEqual([404, 'magic_link_not_found']);
    expect((await t.client.magicLinks.authenticate({ magic_links_token: token })).member_authenticated).toBe(true);

    const email = uniqueEmail('consumer');
    await consumer.magicLinks.email.loginOrCreate({ email, login_magic_link_url: REDIRECT, signup_magic_link_url: REDIRECT });
    const consumerToken = linkToken((await latestMail(t.srv, email)).link).token;
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: consumerToken }))).toEqual([404, 'magic_link_not_found']);
    expect((await consumer.magicLinks.authenticate({ token: consumerToken, session_duration_minutes: 60 })).user.emails[0]!.verified).toBe(true);
  });
});
