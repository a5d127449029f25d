/**
 * Consumer `/sdk/v1` routes, called as the browser SDK calls them: the session comes from the Basic
 * password part; successes are enveloped; errors are top-level Stytch bodies.
 */
import { describe, expect, it } from 'vitest';
import { RFC3339 } from '../compat/helpers.js';
import { sdkCall, signUp, STRONG_PASSWORD, uniqueEmail, useSdkServer } from './helpers.js';

const t = useSdkServer();
const ORIGIN = 'http://localhost:3000';

describe('passwords', () => {
  it('create: a user and a session, with session, user and both tokens', async () => {
    const email = uniqueEmail();
    const r = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email, password: STRONG_PASSWORD, session_duration_minutes: 30, captcha_token: 'ignored' }, origin: ORIGIN });
    expect(r.status).toBe(200);
    expect(r.data.user_id).toMatch(/^user-test-/);
    expect(r.data.email_id).toMatch(/^email-test-/);
    expect(r.data.session_token).toHaveLength(44);
    expect(r.data.session_jwt.split('.')).toHaveLength(3);
    expect(r.data.session.user_id).toBe(r.data.user_id);
    expect(r.data.session.expires_at).toMatch(RFC3339);
    expect(r.data.user.emails[0].email).toBe(email);
  });
  it('create: a taken email, a weak password', async () => {
    const { email } = await signUp(t.srv);
    const dup = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email, password: STRONG_PASSWORD } });
    expect([dup.status, dup.body.error_type]).toEqual([400, 'duplicate_email']);
    const weak = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email: uniqueEmail(), password: 'password' } });
    expect([weak.status, weak.body.error_type]).toEqual([400, 'weak_password']);
  });
  it('create ignores what only the backend may set (metadata, custom claims)', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/passwords', {
      body: { email: uniqueEmail(), password: STRONG_PASSWORD, session_duration_minutes: 30, trusted_metadata: { admin: true }, session_custom_claims: { role: 'root' } },
    });
    expect(r.status).toBe(200);
    expect(r.data.user.trusted_metadata).toEqual({});
    expect(r.data.session.custom_claims).toEqual({});
  });
  it('authenticate: right password -> session; without duration -> no session, empty tokens', async () => {
    const { email } = await signUp(t.srv);
    const ok = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email, password: STRONG_PASSWORD, session_duration_minutes: 60 } });
    expect(ok.status).toBe(200);
    expect(ok.data.session.authentication_factors[0]).toMatchObject({ type: 'password', delivery_method: 'knowledge' });
    const none = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email, password: STRONG_PASSWORD } });
    expect(none.data).toMatchObject({ session: null, session_token: '', session_jwt: '' });
  });
  it('authenticate: a wrong password and an unknown email answer as the backend does', async () => {
    const { email } = await signUp(t.srv);
    const wrong = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email, password: 'not-the-password-123!' } });
    expect([wrong.status, wrong.body.error_type]).toEqual([401, 'unauthorized_credentials']);
    const backend = await fetch(`${t.srv.url}/v1/passwords/authenticate`, {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64'), 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'whatever-123!' }),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const unknown = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email: 'nobody@example.com', password: 'whatever-123!' } });
    expect([unknown.status, unknown.body.error_type]).toEqual([backend.status_code, backend.error_type]);
    expect(unknown.body.error_message).toBe(backend.error_message);
  });
  it('strength_check', async () => {
    const weak = await sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body: { password: 'abc', email: 'a@example.com' } });
    expect(weak.data).toMatchObject({ valid_password: false, strength_policy: 'zxcvbn' });
    const strong = await sdkCall(t.srv, '/sdk/v1/passwords/strength_check', { body: { password: STRONG_PASSWORD } });
    expect(strong.data.valid_password).toBe(true);
  });
  it('session/reset: the caller session resets the password, other sessions are revoked, this one kept', async () => {
    const a = await signUp(t.srv);
    const other = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email: a.email, password: STRONG_PASSWORD, session_duration_minutes: 60 } });
    const NEW = 'another-long-passphrase-77?';
    const r = await sdkCall(t.srv, '/sdk/v1/passwords/session/reset', { body: { password: NEW }, sessionToken: a.token });
    expect(r.status).toBe(200);
    expect(r.data.session_token).toBe(a.token);
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: other.data.session_token })).body.error_type).toBe('session_not_found');
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: a.token })).status).toBe(200);
    expect((await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { body: { email: a.email, password: NEW } })).status).toBe(200);
    const none = await sdkCall(t.srv, '/sdk/v1/passwords/session/reset', { body: { password: NEW } });
    expect(none.body.error_type).toBe('user_unauthenticated');
  });
  it('existing_password/reset: revokes every session and starts one when asked', async () => {
    const a = await signUp(t.srv);
    const NEW = 'yet-another-passphrase-88!';
    const bad = await sdkCall(t.srv, '/sdk/v1/passwords/existing_password/reset', { body: { email: a.email, existing_password: 'wrong-password-1!', new_password: NEW } });
    expect(bad.body.error_type).toBe('unauthorized_credentials');
    const r = await sdkCall(t.srv, '/sdk/v1/passwords/existing_password/reset', { body: { email: a.email, existing_password: STRONG_PASSWORD, new_password: NEW, session_duration_minutes: 10 } });
    expect(r.status).toBe(200);
    expect(r.data.session_token).toHaveLength(44);
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: a.token })).body.error_type).toBe('session_not_found');
  });
});

describe('sessions', () => {
  it('authenticate takes the token from the Basic header, extends only when asked, returns a fresh JWT', async () => {
    const a = await signUp(t.srv);
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: a.token, origin: ORIGIN });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ session_token: a.token, session: { user_id: a.user_id }, user: { user_id: a.user_id } });
    expect(typeof r.data.session_jwt).toBe('string');
    const ext = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: { session_duration_minutes: 600 }, sessionToken: a.token });
    expect(Date.parse(ext.data.session.expires_at)).toBeGreaterThan(Date.parse(r.data.session.expires_at) + 60 * 60_000);
  });
  it('a body session_token is not a credential: the header decides', async () => {
    const a = await signUp(t.srv);
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: { session_token: a.token } });
    expect(r.body.error_type).toBe('user_unauthenticated');
  });
  it('an unknown token is session_not_found (the SDK then logs out)', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: 'x'.repeat(44) });
    expect([r.status, r.body.error_type]).toEqual([404, 'session_not_found']);
  });
  it('revoke ends the session', async () => {
    const a = await signUp(t.srv);
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/revoke', { sessionToken: a.token });
    expect(r.status).toBe(200);
    expect(Object.keys(r.data).sort()).toEqual(['request_id', 'status_code']);
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: a.token })).body.error_type).toBe('session_not_found');
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/revoke', { sessionToken: a.token })).body.error_type).toBe('session_not_found');
  });
});

describe('users/me', () => {
  it('GET: the user fields at the top level of data', async () => {
    const a = await signUp(t.srv);
    const r = await sdkCall(t.srv, '/sdk/v1/users/me', { method: 'GET', sessionToken: a.token });
    expect(r.status).toBe(200);
    expect(r.data.user_id).toBe(a.user_id);
    expect(r.data.emails[0].email).toBe(a.email);
    expect(r.data.user).toBeUndefined();
    expect((await sdkCall(t.srv, '/sdk/v1/users/me', { method: 'GET' })).body.error_type).toBe('user_unauthenticated');
  });
  it('PUT: name and untrusted_metadata only; answers user_id and __user', async () => {
    const a = await signUp(t.srv);
    const r = await sdkCall(t.srv, '/sdk/v1/users/me', {
      method: 'PUT',
      sessionToken: a.token,
      body: { name: { first_name: 'Ada' }, untrusted_metadata: { theme: 'dark' }, trusted_metadata: { admin: true }, roles: ['admin'] },
    });
    expect(r.status).toBe(200);
    expect(r.data.user_id).toBe(a.user_id);
    expect(r.data.__user).toMatchObject({ user_id: a.user_id, name: { first_name: 'Ada' }, untrusted_metadata: { theme: 'dark' }, trusted_metadata: {} });
    expect(r.data.__user.roles).not.toContain('admin');
    const user = await t.client.users.get({ user_id: a.user_id });
    expect(user.trusted_metadata).toEqual({});
    expect(user.name?.first_name).toBe('Ada');
  });
});
