import { describe, expect, it } from 'vitest';
import { createOrg, errorOf, latestMail, memberWithPassword, uniqueDomain, useB2BServer } from './helpers.js';

const t = useB2BServer({ TESSERA_LOCKOUT_THRESHOLD: '3' });

describe('B2B email OTP', () => {
  it('login_or_signup mails a 6-digit code (10 minutes) that authenticates once with the email_otp factor', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const sent = await t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address });
    expect(sent.member_created).toBe(false);
    const mail = await latestMail(t.srv, member.email_address);
    expect(mail.kind).toBe('email_otp');
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(mail.expiration_minutes).toBe(10);
    const auth = await t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code: mail.code! });
    expect(auth.member_authenticated).toBe(true);
    expect(auth.member.email_address_verified).toBe(true);
    expect(auth.method_id).toMatch(/^member-email-test-/);
    expect(auth.member_session!.authentication_factors[0]).toMatchObject({ type: 'email_otp', delivery_method: 'email' });
    expect(await errorOf(t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code: mail.code! }))).toEqual([404, 'otp_code_not_found']);
  });

  it('a new code ends the previous one; expired codes and malformed codes are refused', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    await t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address });
    const first = (await latestMail(t.srv, member.email_address)).code!;
    await t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_expiration_minutes: 2 });
    const second = (await latestMail(t.srv, member.email_address)).code!;
    if (first !== second) {
      expect(await errorOf(t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code: first }))).toEqual([401, 'unable_to_auth_otp_code']);
    }
    t.srv.clock.advance(2 * 60_000 + 1_000);
    try {
      expect(await errorOf(t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code: second }))).toEqual([404, 'otp_code_not_found']);
    } finally {
      t.srv.clock.advance(-(2 * 60_000 + 1_000));
    }
    expect(await errorOf(t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code: '12ab56' }))).toEqual([400, 'invalid_code']);
    expect(await errorOf(t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_expiration_minutes: 16 }))).toEqual([
      400,
      'invalid_expiration_minutes',
    ]);
  });

  it('wrong codes count towards the member lockout', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    await t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address });
    const code = (await latestMail(t.srv, member.email_address)).code!;
    const wrong = code === '000000' ? '111111' : '000000';
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await errorOf(t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code: wrong })));
    expect(results[0]).toEqual([401, 'unable_to_auth_otp_code']);
    expect(results[2]).toEqual([401, 'user_lock_limit_reached']);
    expect(await errorOf(t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: member.email_address, code }))).toEqual([401, 'user_lock_limit_reached']);
  });

  it('JIT by domain creates a pending member that the code activates; restricted methods refuse email_otp', async () => {
    const domain = uniqueDomain();
    const org = await createOrg(t.client, { email_jit_provisioning: 'RESTRICTED', email_allowed_domains: [domain] });
    const email = `otp.${Date.now()}@${domain}`;
    const sent = await t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: email });
    expect(sent.member_created).toBe(true);
    expect(sent.member.status).toBe('pending');
    const auth = await t.client.otps.email.authenticate({ organization_id: org.organization_id, email_address: email, code: (await latestMail(t.srv, email)).code! });
    expect(auth.member.status).toBe('active');
    const restricted = await createOrg(t.client, { auth_methods: 'RESTRICTED', allowed_auth_methods: ['magic_link'] });
    const m = await memberWithPassword(t.client, restricted.organization_id);
    expect(await errorOf(t.client.otps.email.loginOrSignup({ organization_id: restricted.organization_id, email_address: m.email_address }))).toEqual([
      403,
      'operation_restricted_by_organization_auth_methods',
    ]);
  });
});
