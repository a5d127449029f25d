/**
 * The frontend API (`/sdk/v1`) variants of the consumer email flows, called as the browser SDK calls them
 * (public token in Basic auth, the session token as its password part when logged in).
 */
import { describe, expect, it } from 'vitest';
import { updateProjectSdkSettings } from '../../src/domain/sdk/project-sdk-settings.js';
import { expireCaches, sdkCall, signUp, uniqueEmail, useSdkServer } from '../sdk/helpers.js';
import { footprint, lastCode, lastLink, outbox, pkcePair } from './helpers.js';

const t = useSdkServer();
const APP = 'http://localhost:3000';
const urls = { login_magic_link_url: `${APP}/authenticate`, signup_magic_link_url: `${APP}/authenticate` };

describe('/sdk/v1 magic links', () => {
  it('login_or_create then authenticate: a session, the user and __user; the link points at the allowed origin', async () => {
    const email = uniqueEmail('sdk-ml');
    const { verifier, challenge } = pkcePair();
    const sent = await sdkCall(t.srv, '/sdk/v1/magic_links/email/login_or_create', { body: { email, ...urls, code_challenge: challenge }, origin: APP });
    expect(sent.status).toBe(200);
    expect(sent.data.user_id).toBeUndefined();
    const link = await lastLink(t.srv, email);
    expect(link.url.origin).toBe(APP);
    const auth = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { body: { token: link.token, session_duration_minutes: 60, code_verifier: verifier }, origin: APP });
    expect(auth.status).toBe(200);
    expect(auth.data.session_token).toHaveLength(44);
    expect(auth.data.session_jwt.split('.')).toHaveLength(3);
    expect(auth.data.session.authentication_factors[0]).toMatchObject({ type: 'magic_link', delivery_method: 'email' });
    expect(auth.data.user.emails[0]).toMatchObject({ email, verified: true });
    expect(auth.data.__user.user_id).toBe(auth.data.user_id);
    expect(auth.data.method_id).toBe(auth.data.user.emails[0].email_id);
    const again = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { body: { token: link.token, session_duration_minutes: 60, code_verifier: verifier } });
    expect([again.status, again.body.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
  });

  it('a redirect URL on an origin the project does not allow is 400 invalid_magic_link_url and sends nothing', async () => {
    const email = uniqueEmail('sdk-evil');
    const before = await footprint(t.srv);
    const r = await sdkCall(t.srv, '/sdk/v1/magic_links/email/login_or_create', { body: { email, signup_magic_link_url: 'https://evil.example/steal' } });
    expect([r.status, r.body.error_type]).toEqual([400, 'invalid_magic_link_url']);
    expect(await footprint(t.srv)).toEqual(before);
  });

  it('send/primary: existing users only; send/secondary needs a session and adds the address to the caller', async () => {
    const unknown = await sdkCall(t.srv, '/sdk/v1/magic_links/email/send/primary', { body: { email: uniqueEmail('sdk-nobody'), ...urls } });
    expect([unknown.status, unknown.body.error_type]).toEqual([404, 'email_not_found']);
    const me = await signUp(t.srv);
    const primary = await sdkCall(t.srv, '/sdk/v1/magic_links/email/send/primary', { body: { email: me.email, ...urls } });
    expect(primary.status).toBe(200);
    expect((await lastLink(t.srv, me.email)).kind).toBe('login');

    const second = uniqueEmail('sdk-second');
    const anonymous = await sdkCall(t.srv, '/sdk/v1/magic_links/email/send/secondary', { body: { email: second, ...urls } });
    expect([anonymous.status, anonymous.body.error_type]).toEqual([401, 'user_unauthenticated']);
    const secondary = await sdkCall(t.srv, '/sdk/v1/magic_links/email/send/secondary', { body: { email: second, ...urls }, sessionToken: me.token });
    expect(secondary.status).toBe(200);
    const user = await t.client.users.get({ user_id: me.user_id });
    expect(user.emails.map((e) => [e.email, e.verified])).toContainEqual([second, false]);

    // Authenticating while logged in as that user adds the factor to the caller's session (step-up).
    const auth = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { body: { token: (await lastLink(t.srv, second)).token, session_duration_minutes: 60 }, sessionToken: me.token });
    expect(auth.status).toBe(200);
    expect(auth.data.session_token).toBe(me.token);
    expect(auth.data.session.authentication_factors.map((f: { type: string }) => f.type)).toEqual(['password', 'magic_link']);
  });

  it("a caller session of another user is ignored: the link's user gets a new session", async () => {
    const other = await signUp(t.srv);
    const email = uniqueEmail('sdk-fresh');
    await sdkCall(t.srv, '/sdk/v1/magic_links/email/login_or_create', { body: { email, ...urls } });
    const auth = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { body: { token: (await lastLink(t.srv, email)).token, session_duration_minutes: 60 }, sessionToken: other.token });
    expect(auth.status).toBe(200);
    expect(auth.data.session_token).not.toBe(other.token);
    expect(auth.data.user.emails[0].email).toBe(email);
  });

  it('HttpOnly cookie projects get the session cookies from magic_links/authenticate', async () => {
    const p = await t.srv.createProject();
    await updateProjectSdkSettings(t.srv.server.runtime.deps, p.project_id, { http_only_cookies: true });
    expireCaches(t.srv);
    const email = uniqueEmail('sdk-cookie');
    const sent = await sdkCall(t.srv, '/sdk/v1/magic_links/email/login_or_create', { publicToken: p.public_token, body: { email, ...urls } });
    expect(sent.status).toBe(200);
    const link = await lastLink(t.srv, email, p);
    const auth = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { publicToken: p.public_token, body: { token: link.token, session_duration_minutes: 60 }, origin: APP });
    expect(auth.status).toBe(200);
    expect(auth.data.session_token).toBe('');
    const cookies = ((auth.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.slice(0, c.indexOf('=')));
    expect(cookies).toEqual(expect.arrayContaining(['stytch_session', 'stytch_session_jwt']));
  });
});

describe('/sdk/v1 email OTP and password reset', () => {
  it('otps/email/login_or_create answers method_id; otps/authenticate takes the code as token', async () => {
    const email = uniqueEmail('sdk-otp');
    const sent = await sdkCall(t.srv, '/sdk/v1/otps/email/login_or_create', { body: { email, expiration_minutes: 5 } });
    expect(sent.status).toBe(200);
    expect(sent.data.method_id).toMatch(/^email-test-/);
    expect(sent.data.email_id).toBeUndefined();
    const code = await lastCode(t.srv, email);
    const wrong = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: code === '111111' ? '222222' : '111111', method_id: sent.data.method_id, session_duration_minutes: 60 } });
    expect([wrong.status, wrong.body.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
    const auth = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: code, method_id: sent.data.method_id, session_duration_minutes: 60 } });
    expect(auth.status).toBe(200);
    expect(auth.data.session.authentication_factors[0]).toMatchObject({ type: 'otp', delivery_method: 'email' });
    expect(auth.data.__user.emails[0]).toMatchObject({ email, verified: true });
    const bad = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: '12ab56', method_id: sent.data.method_id } });
    expect([bad.status, bad.body.error_type]).toEqual([400, 'invalid_code']);
  });

  it('otps/email/send/primary and /secondary', async () => {
    const me = await signUp(t.srv);
    const primary = await sdkCall(t.srv, '/sdk/v1/otps/email/send/primary', { body: { email: me.email } });
    expect(primary.status).toBe(200);
    expect(primary.data.method_id).toMatch(/^email-test-/);
    const second = uniqueEmail('sdk-otp2');
    const secondary = await sdkCall(t.srv, '/sdk/v1/otps/email/send/secondary', { body: { email: second }, sessionToken: me.token });
    expect(secondary.status).toBe(200);
    const auth = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: await lastCode(t.srv, second), method_id: secondary.data.method_id, session_duration_minutes: 60 }, sessionToken: me.token });
    expect(auth.data.session_token).toBe(me.token);
    expect(auth.data.user.emails.find((e: { email: string }) => e.email === second).verified).toBe(true);
  });

  it('passwords/email/reset/start and reset: the new password works and the old session is gone', async () => {
    const me = await signUp(t.srv);
    const start = await sdkCall(t.srv, '/sdk/v1/passwords/email/reset/start', { body: { email: me.email, reset_password_redirect_url: `${APP}/reset`, login_redirect_url: `${APP}/login` } });
    expect(start.status).toBe(200);
    const link = await lastLink(t.srv, me.email);
    expect(link.url.searchParams.get('stytch_token_type')).toBe('reset_password');
    const password = 'a-brand-new-sdk-password-99!';
    const reset = await sdkCall(t.srv, '/sdk/v1/passwords/email/reset', { body: { token: link.token, password, session_duration_minutes: 60 } });
    expect(reset.status).toBe(200);
    expect(reset.data.session_token).toHaveLength(44);
    const old = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: me.token });
    expect([old.status, old.body.error_type]).toEqual([404, 'session_not_found']);
    const login = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email: me.email, password, session_duration_minutes: 60 } });
    expect(login.status).toBe(200);
    const evil = await sdkCall(t.srv, '/sdk/v1/passwords/email/reset/start', { body: { email: me.email, reset_password_redirect_url: 'https://evil.example/reset' } });
    expect([evil.status, evil.body.error_type]).toEqual([400, 'invalid_magic_link_url']);
    expect((await outbox(t.srv, me.email)).length).toBe(1);
  });
});
