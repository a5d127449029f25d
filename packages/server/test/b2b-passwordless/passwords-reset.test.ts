import { describe, expect, it } from 'vitest';
import { createOrg, errorOf, latestMail, linkToken, memberWithPassword, pkcePair, REDIRECT, STRONG_PASSWORD, uniqueEmail, useB2BServer } from './helpers.js';

const t = useB2BServer();
const NEW_PASSWORD = 'a-brand-new-passphrase-77!';

describe('B2B password reset by email', () => {
  it('reset/start mails a multi_tenant_passwords link (30 minutes); reset sets the password, revokes every session and starts a new one', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const old = await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD });
    const start = await t.client.passwords.email.resetStart({ organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT });
    expect(start.member_id).toBe(member.member_id);
    expect(start.member_email_id).toMatch(/^member-email-test-/);
    const mail = await latestMail(t.srv, member.email_address);
    expect(mail.kind).toBe('password_reset');
    expect(mail.expiration_minutes).toBe(30);
    const { token, type } = linkToken(mail.link);
    expect(type).toBe('multi_tenant_passwords');

    expect(await errorOf(t.client.passwords.email.reset({ password_reset_token: token, password: 'password' }))).toEqual([400, 'weak_password']);
    const r = await t.client.passwords.email.reset({ password_reset_token: token, password: NEW_PASSWORD });
    expect(r.member_authenticated).toBe(true);
    expect(r.member_session!.authentication_factors[0]).toMatchObject({ type: 'password', delivery_method: 'knowledge' });
    expect(await errorOf(t.client.sessions.authenticate({ session_token: old.session_token }))).toEqual([404, 'session_not_found']);
    await t.client.sessions.authenticate({ session_token: r.session_token });
    const again = await t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: NEW_PASSWORD });
    expect(again.member_authenticated).toBe(true);
    expect(await errorOf(t.client.passwords.email.reset({ password_reset_token: token, password: NEW_PASSWORD }))).toEqual([401, 'unable_to_auth_password_reset_token']);
    expect(await errorOf(t.client.passwords.email.reset({ password_reset_token: 'q'.repeat(44), password: NEW_PASSWORD }))).toEqual([404, 'password_reset_token_not_found']);
  });

  it('PKCE on reset; unknown member; expired link', async () => {
    const org = await createOrg(t.client);
    const member = await memberWithPassword(t.client, org.organization_id);
    const pkce = pkcePair();
    await t.client.passwords.email.resetStart({ organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT, code_challenge: pkce.challenge });
    const { token } = linkToken((await latestMail(t.srv, member.email_address)).link);
    expect(await errorOf(t.client.passwords.email.reset({ password_reset_token: token, password: NEW_PASSWORD, code_verifier: pkcePair().verifier }))).toEqual([400, 'pkce_mismatch']);
    const ok = await t.client.passwords.email.reset({ password_reset_token: token, password: NEW_PASSWORD, code_verifier: pkce.verifier });
    expect(ok.member_id).toBe(member.member_id);
    expect(await errorOf(t.client.passwords.email.resetStart({ organization_id: org.organization_id, email_address: uniqueEmail('ghost'), reset_password_redirect_url: REDIRECT }))).toEqual([
      404,
      'member_not_found',
    ]);
    await t.client.passwords.email.resetStart({ organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT, reset_password_expiration_minutes: 5 });
    const late = linkToken((await latestMail(t.srv, member.email_address)).link).token;
    t.srv.clock.advance(5 * 60_000 + 1_000);
    try {
      expect(await errorOf(t.client.passwords.email.reset({ password_reset_token: late, password: NEW_PASSWORD }))).toEqual([401, 'unable_to_auth_password_reset_token']);
    } finally {
      t.srv.clock.advance(-(5 * 60_000 + 1_000));
    }
  });
});
