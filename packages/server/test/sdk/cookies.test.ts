/**
 * HttpOnly session cookies (opt-in per project): the frontend API sets them, answers with empty tokens,
 * reads them back on session routes when the Basic password part is the public token, and clears them on
 * revoke and on errors that end the session.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { updateProjectSdkSettings } from '../../src/domain/sdk/project-sdk-settings.js';
import { expireCaches, sdkCall, STRONG_PASSWORD, uniqueEmail, useSdkServer } from './helpers.js';

const t = useSdkServer();
let publicToken: string;

beforeAll(async () => {
  const p = await t.srv.createProject();
  publicToken = p.public_token;
  await updateProjectSdkSettings(t.srv.server.runtime.deps, p.project_id, { http_only_cookies: true });
  expireCaches(t.srv);
});

function cookiesOf(headers: Record<string, unknown>): Record<string, string> {
  const list = (headers['set-cookie'] as string[] | undefined) ?? [];
  return Object.fromEntries(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}
const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));

async function signUpWithCookies(host?: string) {
  const r = await sdkCall(t.srv, '/sdk/v1/passwords', { publicToken, body: { email: uniqueEmail('cookie'), password: STRONG_PASSWORD, session_duration_minutes: 60 }, origin: 'http://localhost:3000', ...(host ? { host } : {}) });
  expect(r.status).toBe(200);
  return r;
}

describe('HttpOnly cookie mode', () => {
  it('a login sets both cookies (HttpOnly, SameSite=Lax, Path=/, session expiry) and answers empty tokens', async () => {
    const r = await signUpWithCookies();
    expect(r.data.session_token).toBe('');
    expect(r.data.session_jwt).toBe('');
    expect(r.data.session.session_id).toMatch(/^session-test-/);
    const c = cookiesOf(r.headers);
    for (const name of ['stytch_session', 'stytch_session_jwt']) {
      expect(c[name]).toMatch(/; Path=\//);
      expect(c[name]).toMatch(/; HttpOnly/);
      expect(c[name]).toMatch(/; SameSite=Lax/);
      const expires = /Expires=([^;]+)/.exec(c[name]!)![1]!;
      expect(Math.abs(Date.parse(expires) - Date.parse(r.data.session.expires_at))).toBeLessThan(1000);
      // Plain HTTP on a loopback host: Secure dropped (see http/sdk/cookies.ts).
      expect(c[name]).not.toMatch(/Secure/);
    }
    expect(valueOf(c.stytch_session!)).toHaveLength(44);
    expect(valueOf(c.stytch_session_jwt!).split('.')).toHaveLength(3);
    expect(r.headers['access-control-allow-credentials']).toBe('true');
  });
  it('Secure is kept when the API is reached under a non-loopback host name', async () => {
    const r = await signUpWithCookies('auth.example.com');
    for (const c of Object.values(cookiesOf(r.headers))) expect(c).toMatch(/; Secure/);
  });
  it('session routes read the cookie when the password part is the public token; revoke clears it', async () => {
    const r = await signUpWithCookies();
    const token = valueOf(cookiesOf(r.headers).stytch_session!);
    const cookie = `other=1; stytch_session=${token}`;
    const auth = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { publicToken, body: {}, cookie });
    expect(auth.status).toBe(200);
    expect(auth.data.session_token).toBe('');
    expect(auth.data.session.session_id).toBe(r.data.session.session_id);
    expect(valueOf(cookiesOf(auth.headers).stytch_session!)).toBe(token);
    const me = await sdkCall(t.srv, '/sdk/v1/users/me', { method: 'GET', publicToken, cookie });
    expect(me.data.user_id).toBe(r.data.user_id);
    const revoke = await sdkCall(t.srv, '/sdk/v1/sessions/revoke', { publicToken, cookie });
    expect(revoke.status).toBe(200);
    const cleared = cookiesOf(revoke.headers);
    expect(valueOf(cleared.stytch_session!)).toBe('');
    expect(cleared.stytch_session).toMatch(/Max-Age=0/);
    expect(cleared.stytch_session_jwt).toMatch(/Max-Age=0/);
    // The dead cookie: session_not_found, and the cookies are cleared again.
    const dead = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { publicToken, body: {}, cookie });
    expect(dead.body.error_type).toBe('session_not_found');
    expect(cookiesOf(dead.headers).stytch_session).toMatch(/Max-Age=0/);
  });
  it('a wrong password on a login route keeps the cookies', async () => {
    const r = await sdkCall(t.srv, '/sdk/v1/passwords/authenticate', { publicToken, body: { email: 'nobody@example.com', password: 'x-y-z-1234!' }, cookie: 'stytch_session=abc' });
    expect(r.status).toBe(404);
    expect(r.headers['set-cookie']).toBeUndefined();
  });
  it('the cookie is ignored by projects without the mode', async () => {
    const r = await signUpWithCookies();
    const token = valueOf(cookiesOf(r.headers).stytch_session!);
    const plain = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, cookie: `stytch_session=${token}` });
    expect(plain.body.error_type).toBe('user_unauthenticated');
    const login = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email: uniqueEmail(), password: STRONG_PASSWORD, session_duration_minutes: 5 } });
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(login.data.session_token).toHaveLength(44);
  });
});
