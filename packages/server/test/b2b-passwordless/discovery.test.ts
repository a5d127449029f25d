import { describe, expect, it } from 'vitest';
import { createOrg, errorOf, latestMail, linkToken, memberWithPassword, pkcePair, REDIRECT, uniqueDomain, uniqueEmail, uniqueSlug, useB2BServer } from './helpers.js';

const t = useB2BServer();

async function discover(email: string, extra: { pkce?: { verifier: string; challenge: string } } = {}) {
  await t.client.magicLinks.email.discovery.send({ email_address: email, discovery_redirect_url: REDIRECT, ...(extra.pkce ? { pkce_code_challenge: extra.pkce.challenge } : {}) });
  const mail = await latestMail(t.srv, email);
  expect(mail.kind).toBe('discovery');
  expect(mail.expiration_minutes).toBe(60);
  const { token, type } = linkToken(mail.link);
  expect(type).toBe('discovery');
  return t.client.magicLinks.discovery.authenticate({ discovery_magic_links_token: token, ...(extra.pkce ? { pkce_code_verifier: extra.pkce.verifier } : {}) });
}

describe('B2B discovery', () => {
  it('send -> authenticate -> list -> exchange into an organization where the address is a member', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const invitedOrg = await createOrg(t.client);
    await t.client.magicLinks.email.invite({ organization_id: invitedOrg.organization_id, email_address: member.email_address, invite_redirect_url: REDIRECT });
    const d = await discover(member.email_address);
    expect(d.email_address).toBe(member.email_address);
    expect(d.intermediate_session_token).toHaveLength(44);
    const byOrg = new Map(d.discovered_organizations.map((o) => [o.organization!.organization_id, o]));
    expect(byOrg.get(org.organization_id)!.membership).toMatchObject({ type: 'active_member', member: { member_id: member.member_id } });
    expect(byOrg.get(org.organization_id)!.member_authenticated).toBe(true);
    expect(byOrg.get(invitedOrg.organization_id)!.membership!.type).toBe('invited_member');

    const list = await t.client.discovery.organizations.list({ intermediate_session_token: d.intermediate_session_token });
    expect(list.email_address).toBe(member.email_address);
    expect(list.discovered_organizations.map((o) => o.organization!.organization_id).sort()).toEqual([org.organization_id, invitedOrg.organization_id].sort());

    const ex = await t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: d.intermediate_session_token, organization_id: invitedOrg.organization_id });
    expect(ex.member_authenticated).toBe(true);
    expect(ex.member.status).toBe('active');
    expect(ex.member.email_address_verified).toBe(true);
    expect(ex.member_session!.authentication_factors[0]).toMatchObject({ type: 'magic_link', delivery_method: 'email' });
    // The IST is spent.
    expect(await errorOf(t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: d.intermediate_session_token, organization_id: org.organization_id }))).toEqual([
      404,
      'intermediate_session_not_found',
    ]);
    // A member session lists too.
    const mine = await t.client.discovery.organizations.list({ session_token: ex.session_token });
    expect(mine.discovered_organizations.length).toBe(2);
  });

  it('create: a new organization with the address as its first stytch_admin, and a session', async () => {
    const email = uniqueEmail('founder');
    const d = await discover(email);
    expect(d.discovered_organizations).toEqual([]);
    const slug = uniqueSlug('disc');
    const created = await t.client.discovery.organizations.create({ intermediate_session_token: d.intermediate_session_token, organization_name: 'Founded', organization_slug: slug, session_duration_minutes: 30 });
    expect(created.member_authenticated).toBe(true);
    expect(created.organization.organization_slug).toBe(slug);
    expect(created.member.email_address).toBe(email);
    expect(created.member.status).toBe('active');
    expect(created.member.roles.map((r) => r.role_id)).toContain('stytch_admin');
    const s = await t.client.sessions.authenticate({ session_token: created.session_token });
    expect(s.organization.organization_id).toBe(created.organization.organization_id);
    expect(await errorOf(t.client.discovery.organizations.create({ intermediate_session_token: d.intermediate_session_token, organization_name: 'Again' }))).toEqual([404, 'intermediate_session_not_found']);
  });

  it('a refused create (taken slug) leaves the IST usable', async () => {
    const taken = await createOrg(t.client);
    const d = await discover(uniqueEmail('retry'));
    expect(
      await errorOf(t.client.discovery.organizations.create({ intermediate_session_token: d.intermediate_session_token, organization_name: 'X', organization_slug: taken.organization_slug })),
    ).toEqual([400, 'organization_slug_already_used']);
    const ok = await t.client.discovery.organizations.create({ intermediate_session_token: d.intermediate_session_token, organization_name: 'X', organization_slug: uniqueSlug() });
    expect(ok.member_authenticated).toBe(true);
  });

  it('JIT by email domain: eligible organizations are listed (with a verified member on the domain) and the exchange provisions a member', async () => {
    const domain = uniqueDomain();
    const org = await createOrg(t.client, { email_jit_provisioning: 'RESTRICTED', email_allowed_domains: [domain] });
    // Without a verified member on the domain the organization is not offered.
    const first = `first.${Date.now()}@${domain}`;
    const early = await discover(first);
    expect(early.discovered_organizations).toEqual([]);
    expect(await errorOf(t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: early.intermediate_session_token, organization_id: org.organization_id }))).toEqual([
      403,
      'invalid_email_for_jit_provisioning',
    ]);
    // A member verifies the domain (magic link login).
    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: first, signup_redirect_url: REDIRECT });
    await t.client.magicLinks.authenticate({ magic_links_token: linkToken((await latestMail(t.srv, first)).link).token });

    const second = `second.${Date.now()}@${domain}`;
    const d = await discover(second);
    expect(d.discovered_organizations).toHaveLength(1);
    expect(d.discovered_organizations[0]!.membership).toMatchObject({ type: 'eligible_to_join_by_email_domain', details: { domain } });
    const ex = await t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: d.intermediate_session_token, organization_id: org.organization_id });
    expect(ex.member_authenticated).toBe(true);
    expect(ex.member.email_address).toBe(second);
    expect(ex.member.status).toBe('active');

    const closed = await createOrg(t.client);
    const d2 = await discover(`third.${Date.now()}@${domain}`);
    expect(await errorOf(t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: d2.intermediate_session_token, organization_id: closed.organization_id }))).toEqual([
      403,
      'email_jit_provisioning_not_allowed',
    ]);
  });

  it('an MFA-required organization answers a new IST from the exchange', async () => {
    const org = await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' });
    const member = await memberWithPassword(t.client, org.organization_id);
    const d = await discover(member.email_address);
    expect(d.discovered_organizations[0]).toMatchObject({ member_authenticated: false });
    expect(d.discovered_organizations[0]!.mfa_required).toBeTruthy();
    const ex = await t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: d.intermediate_session_token, organization_id: org.organization_id });
    expect(ex.member_authenticated).toBe(false);
    expect(ex.session_token).toBe('');
    expect(ex.intermediate_session_token).toHaveLength(44);
    expect(ex.intermediate_session_token).not.toBe(d.intermediate_session_token);
    const again = await t.client.discovery.organizations.list({ intermediate_session_token: ex.intermediate_session_token });
    expect(again.organization_id_hint).toBe(org.organization_id);
  });

  it('PKCE, single use, expiry and wrong tokens on discovery authenticate; the IST expires after 10 minutes', async () => {
    const email = uniqueEmail('pkce');
    const pkce = pkcePair();
    await t.client.magicLinks.email.discovery.send({ email_address: email, discovery_redirect_url: REDIRECT, pkce_code_challenge: pkce.challenge });
    const { token } = linkToken((await latestMail(t.srv, email)).link);
    expect(await errorOf(t.client.magicLinks.discovery.authenticate({ discovery_magic_links_token: token }))).toEqual([400, 'pkce_expected_code_verifier']);
    const d = await t.client.magicLinks.discovery.authenticate({ discovery_magic_links_token: token, pkce_code_verifier: pkce.verifier });
    expect(await errorOf(t.client.magicLinks.discovery.authenticate({ discovery_magic_links_token: token, pkce_code_verifier: pkce.verifier }))).toEqual([401, 'unable_to_auth_magic_link']);
    expect(await errorOf(t.client.magicLinks.discovery.authenticate({ discovery_magic_links_token: 'z'.repeat(44) }))).toEqual([404, 'magic_link_not_found']);
    t.srv.clock.advance(10 * 60_000 + 1_000);
    try {
      expect(await errorOf(t.client.discovery.organizations.list({ intermediate_session_token: d.intermediate_session_token }))).toEqual([404, 'intermediate_session_not_found']);
    } finally {
      t.srv.clock.advance(-(10 * 60_000 + 1_000));
    }
    expect(await errorOf(t.client.discovery.organizations.list({}))).toEqual([400, 'no_session_arguments']);
  });

  it('an IST is single use under parallel requests: one exchange wins, the other is 404', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const d = await discover(member.email_address);
    const tries = await Promise.allSettled([0, 1, 2].map(() => t.client.discovery.intermediateSessions.exchange({ intermediate_session_token: d.intermediate_session_token, organization_id: org.organization_id })));
    expect(tries.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of tries) if (r.status === 'rejected') expect((r.reason as { error_type: string }).error_type).toBe('intermediate_session_not_found');
  });
});
