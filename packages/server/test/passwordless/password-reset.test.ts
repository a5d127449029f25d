/**
 * Password reset by email (issue #16) through the official `stytch` client: `passwords.email.resetStart`
 * mails a link, `passwords.email.reset` sets the password with its token.
 */
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from '../compat/helpers.js';
import { lastLink, outbox, pkcePair, ROOMY_LIMITS } from './helpers.js';

const t = useServer({ ...ROOMY_LIMITS, TESSERA_LOCKOUT_THRESHOLD: '3' });
const RESET = 'https://app.example.com/reset';
const NEW_PASSWORD = 'another-correct-horse-battery-77?';

describe('password reset by email', () => {
  it('reset/start mails a reset_password link (30 minutes); reset sets the password, revokes every session, starts a new one', async () => {
    const email = uniqueEmail('reset');
    const created = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const other = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const start = await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET });
    expect(start).toMatchObject({ user_id: created.user_id, email_id: created.email_id, status_code: 200 });
    const link = await lastLink(t.srv, email);
    expect([link.kind, link.expiration_minutes, link.url.origin + link.url.pathname]).toEqual(['password_reset', 30, RESET]);
    expect(link.url.searchParams.get('stytch_token_type')).toBe('reset_password');

    const res = await t.client.passwords.email.reset({ token: link.token, password: NEW_PASSWORD, session_duration_minutes: 30 });
    expect(res.user_id).toBe(created.user_id);
    expect(res.session_token).toHaveLength(44);
    expect(res.session?.authentication_factors).toEqual([
      expect.objectContaining({ type: 'magic_link', delivery_method: 'email', email_factor: { email_id: created.email_id, email_address: email } }),
    ]);
    expect(res.user.emails[0]?.verified).toBe(true);
    for (const old of [created.session_token, other.session_token]) {
      const e = await stytchError(t.client.sessions.authenticate({ session_token: old }));
      expect(e.error_type).toBe('session_not_found');
    }
    expect((await t.client.sessions.authenticate({ session_token: res.session_token })).session.user_id).toBe(created.user_id);
    // The new password works, the old one does not; the token was single use.
    expect((await t.client.passwords.authenticate({ email, password: NEW_PASSWORD })).user_id).toBe(created.user_id);
    expect((await stytchError(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD }))).error_type).toBe('unauthorized_credentials');
    const used = await stytchError(t.client.passwords.email.reset({ token: link.token, password: NEW_PASSWORD }));
    expect([used.status_code, used.error_type]).toEqual([401, 'unable_to_auth_password_reset_token']);
  });

  it('a reset clears the lockout and gives a user without a password one', async () => {
    const email = uniqueEmail('reset-lock');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    for (let i = 0; i < 3; i++) await stytchError(t.client.passwords.authenticate({ email, password: 'wrong-password-entirely' }));
    expect((await stytchError(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD }))).error_type).toBe('user_lock_limit_reached');
    await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET });
    await t.client.passwords.email.reset({ token: (await lastLink(t.srv, email)).token, password: NEW_PASSWORD });
    expect((await t.client.passwords.authenticate({ email, password: NEW_PASSWORD })).status_code).toBe(200);

    const nopw = uniqueEmail('reset-nopw');
    const { user_id } = await t.client.users.create({ email: nopw });
    await t.client.passwords.email.resetStart({ email: nopw, reset_password_redirect_url: RESET });
    const res = await t.client.passwords.email.reset({ token: (await lastLink(t.srv, nopw)).token, password: NEW_PASSWORD });
    expect(res.user.password?.password_id).toMatch(/^password-test-/);
    expect(res.session ?? null).toBeNull();
    expect((await t.client.passwords.authenticate({ email: nopw, password: NEW_PASSWORD })).user_id).toBe(user_id);
  });

  it('with session_token, that session is kept (and gets the factor) while the others are revoked', async () => {
    const email = uniqueEmail('reset-keep');
    const a = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const b = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET });
    const res = await t.client.passwords.email.reset({ token: (await lastLink(t.srv, email)).token, password: NEW_PASSWORD, session_token: a.session_token });
    expect(res.session?.session_id).toBe(a.session?.session_id);
    expect(res.session?.authentication_factors.map((f) => f.type)).toEqual(['password', 'magic_link']);
    expect((await stytchError(t.client.sessions.authenticate({ session_token: b.session_token }))).error_type).toBe('session_not_found');
  });

  it('unknown address 404 email_not_found (nothing sent); unknown token 404; weak password 400 without spending the token', async () => {
    const nobody = uniqueEmail('reset-nobody');
    const e = await stytchError(t.client.passwords.email.resetStart({ email: nobody, reset_password_redirect_url: RESET }));
    expect([e.status_code, e.error_type]).toEqual([404, 'email_not_found']);
    expect(await outbox(t.srv, nobody)).toEqual([]);
    const unknown = await stytchError(t.client.passwords.email.reset({ token: 'B'.repeat(43) + '=', password: NEW_PASSWORD }));
    expect([unknown.status_code, unknown.error_type]).toEqual([404, 'password_reset_token_not_found']);

    const email = uniqueEmail('reset-weak');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET });
    const { token } = await lastLink(t.srv, email);
    const weak = await stytchError(t.client.passwords.email.reset({ token, password: 'password1' }));
    expect([weak.status_code, weak.error_type]).toEqual([400, 'weak_password']);
    expect((await t.client.passwords.email.reset({ token, password: NEW_PASSWORD })).status_code).toBe(200);
  });

  it('expiration bounds; an expired link is 401 (server clock advanced)', async () => {
    const email = uniqueEmail('reset-expiry');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    for (const minutes of [4, 10_081]) {
      const e = await stytchError(t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET, reset_password_expiration_minutes: minutes }));
      expect([e.status_code, e.error_type]).toEqual([400, 'invalid_expiration_minutes']);
    }
    expect(await outbox(t.srv, email)).toEqual([]);
    await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET, reset_password_expiration_minutes: 5 });
    const { token } = await lastLink(t.srv, email);
    t.srv.clock.advance(5 * 60_000 + 1_000);
    const e = await stytchError(t.client.passwords.email.reset({ token, password: NEW_PASSWORD }));
    expect([e.status_code, e.error_type]).toEqual([401, 'unable_to_auth_password_reset_token']);
  });

  it('PKCE: expected, mismatch, not expected', async () => {
    const email = uniqueEmail('reset-pkce');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const { verifier, challenge } = pkcePair();
    await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET, code_challenge: challenge });
    const { token } = await lastLink(t.srv, email);
    expect((await stytchError(t.client.passwords.email.reset({ token, password: NEW_PASSWORD }))).error_type).toBe('pkce_expected_code_verifier');
    expect((await stytchError(t.client.passwords.email.reset({ token, password: NEW_PASSWORD, code_verifier: pkcePair().verifier }))).error_type).toBe('pkce_mismatch');
    expect((await t.client.passwords.email.reset({ token, password: NEW_PASSWORD, code_verifier: verifier })).status_code).toBe(200);
    await t.client.passwords.email.resetStart({ email, reset_password_redirect_url: RESET });
    const plain = await lastLink(t.srv, email);
    const e = await stytchError(t.client.passwords.email.reset({ token: plain.token, password: NEW_PASSWORD + 'x', code_verifier: verifier }));
    expect([e.status_code, e.error_type]).toEqual([400, 'pkce_did_not_expect_code_verifier']);
  });
});
