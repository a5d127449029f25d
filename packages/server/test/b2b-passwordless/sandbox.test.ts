import { describe, expect, it } from 'vitest';
import { errorOf, useB2BServer } from './helpers.js';

const t = useB2BServer();
const ORG = 'organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b';
const EMAIL = 'sandbox@stytch.com';

describe('B2B sandbox values (test projects)', () => {
  it('login_or_signup, invite and OTP for sandbox@stytch.com in the sandbox organization answer 200 without mail', async () => {
    const ml = await t.client.magicLinks.email.loginOrSignup({ organization_id: ORG, email_address: EMAIL });
    expect(ml.organization.organization_id).toBe(ORG);
    expect(ml.member.email_address).toBe(EMAIL);
    const inv = await t.client.magicLinks.email.invite({ organization_id: ORG, email_address: EMAIL });
    expect(inv.member.email_address).toBe(EMAIL);
    const otp = await t.client.otps.email.loginOrSignup({ organization_id: ORG, email_address: EMAIL });
    expect(otp.organization.organization_id).toBe(ORG);
    const auth = 'Basic ' + Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64');
    const outbox = (await (await fetch(`${t.srv.url}/v1/test/outbox?to=${EMAIL}`, { headers: { authorization: auth } })).json()) as { messages: unknown[] };
    expect(outbox.messages).toEqual([]);
  });

  it('the three fixed magic link tokens answer 200 / 401 unable_to_auth_magic_link / 404 magic_link_not_found', async () => {
    const ok = await t.client.magicLinks.authenticate({ magic_links_token: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=' });
    expect(ok.organization_id).toBe(ORG);
    expect(ok.member.email_address).toBe(EMAIL);
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: '3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=' }))).toEqual([401, 'unable_to_auth_magic_link']);
    expect(await errorOf(t.client.magicLinks.authenticate({ magic_links_token: 'CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=' }))).toEqual([404, 'magic_link_not_found']);
  });

  it('discovery send for sandbox@stytch.com answers 200 without mail', async () => {
    const r = await t.client.magicLinks.email.discovery.send({ email_address: EMAIL });
    expect(r.status_code).toBe(200);
  });
});
