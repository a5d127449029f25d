import { describe, expect, it } from 'vitest';
import { createOrg, errorOf, memberWithPassword, REDIRECT, stytchError, uniqueEmail, useB2BServer } from './helpers.js';

const t = useB2BServer({ TESSERA_RATE_LIMIT_IDENTIFIER: '2/10m' });

describe('B2B sends and authenticates are rate limited', () => {
  it('per email address on login_or_signup (magic link and OTP), discovery send and reset start: 429 too_many_requests', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const ml = () => t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT });
    await ml();
    await ml();
    const e = await stytchError(ml());
    expect([e.status_code, e.error_type]).toEqual([429, 'too_many_requests']);
    const otp = () => t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address });
    await otp();
    await otp();
    expect(await errorOf(otp())).toEqual([429, 'too_many_requests']);
    const email = uniqueEmail('limited');
    const disc = () => t.client.magicLinks.email.discovery.send({ email_address: email, discovery_redirect_url: REDIRECT });
    await disc();
    await disc();
    expect(await errorOf(disc())).toEqual([429, 'too_many_requests']);
    const reset = () => t.client.passwords.email.resetStart({ organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT });
    await reset();
    await reset();
    expect(await errorOf(reset())).toEqual([429, 'too_many_requests']);
    // A new window lets the address through again.
    t.srv.clock.advance(10 * 60_000);
    try {
      expect((await ml()).member_id).toBe(member.member_id);
    } finally {
      t.srv.clock.advance(-10 * 60_000);
    }
  });
});
