// @vitest-environment happy-dom
/**
 * @tessera/js (consumer) in a DOM against a real Tessera server: login, cookies, persisted state, the
 * background authenticate, the 3-minute refresh and its backoff, logout rules, HttpOnly mode.
 * The page is http://localhost:3000; happy-dom's fetch sends that Origin (and a CORS preflight).
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay, createTesseraClient, REFRESH_INTERVAL_MS, TesseraAPIError, type TesseraClientOptions } from '@tessera/js';
import { Client } from '@tessera/node';
// Not part of the server's public API (the CLI's `tessera project cookies --http-only on` uses it).
import { updateProjectSdkSettings } from '../../server/src/domain/sdk/project-sdk-settings.js';
import { nodeFetch } from './fixtures/node-fetch.js';
import { cookie, track, until } from './fixtures/page.js';
import { PASSWORD, recordingFetch, useServer, userWithPassword } from './fixtures/server.js';
import { ManualTimers } from './fixtures/timers.js';

const t = useServer();

function client(options: TesseraClientOptions = {}, publicToken = t.srv.project.public_token) {
  const rec = recordingFetch();
  const timers = new ManualTimers();
  const c = track(createTesseraClient(publicToken, { baseUrl: t.srv.url, fetch: rec.fetch, timers, ...options }));
  return { c, calls: rec.calls, timers };
}

async function loggedIn(options: TesseraClientOptions = {}) {
  const { email } = await userWithPassword(t);
  const x = client(options);
  const login = await x.c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
  return { ...x, email, login };
}

describe('login and state', () => {
  it('passwords.authenticate sets the state, both cookies and the cached copy; later calls carry the session token', async () => {
    const { c, calls, login } = await loggedIn();
    expect(login.session?.session_id).toMatch(/^session-test-/);
    expect(login).not.toHaveProperty('__user');
    expect(c.session.getSync()).toEqual(login.session);
    expect(c.user.getSync()?.user_id).toBe(login.user_id);
    expect(c.store.get().fromCache).toBe(false);
    expect(cookie('stytch_session')).toBe(login.session_token);
    expect(cookie('stytch_session_jwt')).toBe(login.session_jwt);
    expect(c.session.getTokens()).toEqual({ session_token: login.session_token, session_jwt: login.session_jwt });
    const pub = t.srv.project.public_token;
    expect(calls[0]!.authorization).toBe(`Basic ${btoa(`${pub}:${pub}`)}`);
    const me = await c.user.get();
    expect(me.user_id).toBe(login.user_id);
    expect(calls[1]!.authorization).toBe(`Basic ${btoa(`${pub}:${login.session_token}`)}`);
    expect(Object.keys(localStorage).some((k) => k.includes(pub))).toBe(true);
  });

  it('user.update refreshes the user from __user; onChange reports it', async () => {
    const { c } = await loggedIn();
    const seen: Array<string | undefined> = [];
    c.user.onChange((u) => seen.push(u?.name.first_name));
    const r = await c.user.update({ name: { first_name: 'Ada' } });
    expect(r).not.toHaveProperty('__user');
    expect(c.user.getSync()?.name.first_name).toBe('Ada');
    expect(seen).toEqual(['Ada']);
  });

  it('a wrong password rejects with the API error and leaves the state alone', async () => {
    const { email } = await userWithPassword(t);
    const { c } = client();
    const err = await c.passwords.authenticate({ email, password: 'wrong-password-1!', session_duration_minutes: 60 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TesseraAPIError);
    expect((err as TesseraAPIError).error_type).toBe('unauthorized_credentials');
    expect(c.session.getSync()).toBeNull();
  });

  it('passwords.create and strengthCheck', async () => {
    const { c } = client();
    const weak = await c.passwords.strengthCheck({ password: 'password' });
    expect(weak.valid_password).toBe(false);
    const r = await c.passwords.create({ email: `new-${Date.now()}@example.com`, password: PASSWORD, session_duration_minutes: 30 });
    expect(r.email_id).toMatch(/^email-test-/);
    expect(c.session.getSync()?.user_id).toBe(r.user_id);
  });

  it('session.revoke logs out: state, cookies and cached copy gone; the server refuses the token', async () => {
    const { c, login } = await loggedIn();
    await c.session.revoke();
    expect(c.session.getSync()).toBeNull();
    expect(cookie('stytch_session')).toBeNull();
    expect(cookie('stytch_session_jwt')).toBeNull();
    expect(localStorage.length).toBe(0);
    await expect(t.backend.sessions.authenticate({ session_token: login.session_token })).rejects.toMatchObject({ error_type: 'session_not_found' });
  });

  it('a reload reads the cached state (fromCache: true) and authenticates it in the background (fromCache: false)', async () => {
    const { c, login } = await loggedIn();
    c.close();
    const again = client();
    expect(again.c.store.get()).toMatchObject({ fromCache: true, data: { session: { session_id: login.session!.session_id } } });
    expect(again.calls).toHaveLength(0);
    expect(again.timers.pending()).toEqual([0]);
    again.timers.advance(0);
    await until(() => !again.c.store.get().fromCache);
    expect(again.calls.map((x) => x.path)).toEqual(['/sessions/authenticate']);
    expect(again.c.session.getSync()?.session_id).toBe(login.session!.session_id);
  });

  it('a page with no session and no cookie sends nothing and starts no timer', () => {
    const { c, calls, timers } = client();
    expect(c.store.get()).toEqual({ data: null, fromCache: false });
    expect(calls).toHaveLength(0);
    expect(timers.pending()).toEqual([]);
  });

  it('cookie names are configurable', async () => {
    const { login } = await loggedIn({ cookieOptions: { opaqueTokenCookieName: 'session_token', jwtCookieName: 'my_jwt' } });
    expect(cookie('session_token')).toBe(login.session_token);
    expect(cookie('my_jwt')).toBe(login.session_jwt);
    expect(cookie('stytch_session')).toBeNull();
  });
});

describe('refresh', () => {
  it('every 3 minutes: POST /sessions/authenticate with {} (no extension) and a fresh JWT', async () => {
    const { c, calls, timers, login } = await loggedIn();
    expect(timers.pending()).toEqual([REFRESH_INTERVAL_MS]);
    timers.advance(REFRESH_INTERVAL_MS - 1);
    expect(calls).toHaveLength(1);
    t.srv.clock.advance(60_000); // the server's clock too, so the new JWT differs
    timers.advance(1);
    await until(() => calls.length === 2 && timers.pending().length === 1);
    expect(calls[1]).toMatchObject({ method: 'POST', path: '/sessions/authenticate', body: {} });
    expect(cookie('stytch_session_jwt')).not.toBe(login.session_jwt);
    expect(c.session.getSync()?.session_id).toBe(login.session!.session_id);
    expect(timers.pending()).toEqual([REFRESH_INTERVAL_MS]);
  });

  it('keepSessionAlive sends the last login duration', async () => {
    const { calls, timers } = await loggedIn({ keepSessionAlive: true });
    timers.advance(REFRESH_INTERVAL_MS);
    await until(() => calls.length === 2);
    expect(calls[1]!.body).toEqual({ session_duration_minutes: 60 });
  });

  it('logs out on session_not_found after a server-side revoke', async () => {
    const { c, calls, timers, login } = await loggedIn();
    await t.backend.sessions.revoke({ session_token: login.session_token });
    timers.advance(REFRESH_INTERVAL_MS);
    await until(() => c.session.getSync() === null);
    expect(calls.at(-1)!.path).toBe('/sessions/authenticate');
    expect(cookie('stytch_session')).toBeNull();
    expect(localStorage.length).toBe(0);
    expect(timers.pending()).toEqual([]);
  });

  it('other failures keep the session and retry with backoff 2000·2^n ± 175 ms', async () => {
    const { email } = await userWithPassword(t);
    let down = false;
    const rec = recordingFetch((input, init) => (down ? Promise.reject(new TypeError('network down')) : globalThis.fetch(input, init)));
    const timers = new ManualTimers();
    const c = track(createTesseraClient(t.srv.project.public_token, { baseUrl: t.srv.url, fetch: rec.fetch, timers }));
    await c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
    down = true;
    timers.advance(REFRESH_INTERVAL_MS);
    await until(() => timers.pending().length === 1);
    const first = timers.pending()[0]!;
    expect(first).toBeGreaterThanOrEqual(2000 - 175);
    expect(first).toBeLessThanOrEqual(2000 + 175);
    timers.advance(first);
    await until(() => timers.pending().length === 1 && rec.calls.length === 3);
    expect(timers.pending()[0]).toBeGreaterThanOrEqual(4000 - 175);
    expect(c.session.getSync()).not.toBeNull();
    down = false;
    timers.advance(timers.pending()[0]!);
    await until(() => timers.pending()[0] === REFRESH_INTERVAL_MS);
    expect(c.store.get().fromCache).toBe(false);
    expect(backoffDelay(7, 0.5)).toBe(256_000);
    expect(backoffDelay(20, 0.5)).toBe(256_000);
  });
});

describe('HttpOnly cookie mode', () => {
  it('empty tokens in the answer: no JS cookies; the server cookie carries the session on refresh', async () => {
    const p = await t.srv.createProject();
    await updateProjectSdkSettings(t.srv.server.runtime.deps, p.project_id, { http_only_cookies: true });
    const backend = new Client({ project_id: p.project_id, secret: p.secret, base_url: t.srv.url, fetch: nodeFetch });
    const email = `h-${Date.now()}@example.com`;
    await backend.passwords.create({ email, password: PASSWORD });
    const x = client({}, p.public_token);
    const login = await x.c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
    expect(login.session_token).toBe('');
    expect(cookie('stytch_session')).toBeNull();
    expect(x.c.session.getTokens()).toBeNull();
    expect(x.c.session.getSync()?.session_id).toBe(login.session!.session_id);
    x.timers.advance(REFRESH_INTERVAL_MS);
    await until(() => x.calls.length === 2);
    await until(() => x.timers.pending().length === 1);
    // happy-dom kept the server's HttpOnly cookie for 127.0.0.1 and sent it: the refresh succeeded.
    expect(x.c.session.getSync()?.session_id).toBe(login.session!.session_id);
    await x.c.session.revoke();
    expect(x.c.session.getSync()).toBeNull();
  });
});
