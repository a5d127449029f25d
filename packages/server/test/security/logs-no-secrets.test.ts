/**
 * No secret reaches the logs. A server logging at `trace`, its log stream captured, goes through a whole
 * scenario (password user and logins, a wrong password, session authenticate by token and by JWT, magic
 * link and email OTP logins through the test outbox, a B2B member login, revocation, an unknown route, a
 * malformed body); the captured log is then searched for every secret the scenario saw: the project secret,
 * the master key, passwords, session tokens, session JWTs and their signatures, magic-link tokens, OTP codes.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { api } from '../ops/helpers.js';
import { lastCode, lastLink } from '../passwordless/helpers.js';
import { b2bClient, loggedIn } from '../b2b/helpers.js';

const MASTER_KEY = '3c1f'.repeat(16);
const PASSWORD = 'Log-Secret-Password-7731';
const WRONG_PASSWORD = 'Log-Wrong-Password-1197';

describe('logs hold no secrets', () => {
  let srv: TestServer;
  const chunks: Buffer[] = [];
  const secrets = new Map<string, string>();
  const keep = (what: string, value: unknown) => {
    expect(typeof value, what).toBe('string');
    expect((value as string).length, what).toBeGreaterThan(0);
    secrets.set(`${what}`, value as string);
  };

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => chunks.push(c));
    srv = await startServer({ env: { TESSERA_LOG_LEVEL: 'trace' }, masterKey: MASTER_KEY, logStream: stream });
  });
  afterAll(async () => srv?.close());

  it('a full scenario at trace level logs none of the secrets it handled', async () => {
    keep('project secret', srv.project.secret);
    keep('master key', MASTER_KEY);
    keep('password', PASSWORD);
    keep('wrong password', WRONG_PASSWORD);
    const email = `logs-${Date.now()}@example.com`;

    expect((await api(srv, 'POST', '/v1/passwords', { email, password: PASSWORD })).status).toBe(200);
    expect((await api(srv, 'POST', '/v1/passwords/authenticate', { email, password: WRONG_PASSWORD })).status).toBe(401);
    const login = await api(srv, 'POST', '/v1/passwords/authenticate', { email, password: PASSWORD, session_duration_minutes: 60 });
    expect(login.status).toBe(200);
    keep('session token', login.body.session_token);
    keep('session jwt', login.body.session_jwt);

    const byToken = await api(srv, 'POST', '/v1/sessions/authenticate', { session_token: login.body.session_token });
    expect(byToken.status).toBe(200);
    keep('session jwt (token authenticate)', byToken.body.session_jwt);
    const byJwt = await api(srv, 'POST', '/v1/sessions/authenticate', { session_jwt: login.body.session_jwt });
    expect(byJwt.status).toBe(200);

    // Magic link: login_or_create, the token from the test outbox, authenticate.
    expect((await api(srv, 'POST', '/v1/magic_links/email/login_or_create', { email, login_magic_link_url: 'https://app.example.com/login', signup_magic_link_url: 'https://app.example.com/signup' })).status).toBe(200);
    const { token } = await lastLink(srv, email);
    keep('magic link token', token);
    const ml = await api(srv, 'POST', '/v1/magic_links/authenticate', { token, session_duration_minutes: 60 });
    expect(ml.status).toBe(200);
    keep('magic link session token', ml.body.session_token);
    keep('magic link session jwt', ml.body.session_jwt);

    // Email OTP: a wrong code, then the right one.
    const otp = await api(srv, 'POST', '/v1/otps/email/login_or_create', { email });
    expect(otp.status).toBe(200);
    const code = await lastCode(srv, email);
    keep('otp code', code);
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect((await api(srv, 'POST', '/v1/otps/authenticate', { method_id: otp.body.email_id, code: wrongCode })).status).toBeGreaterThanOrEqual(400);
    const otpLogin = await api(srv, 'POST', '/v1/otps/authenticate', { method_id: otp.body.email_id, code, session_duration_minutes: 60 });
    expect(otpLogin.status).toBe(200);
    keep('otp session token', otpLogin.body.session_token);

    // B2B: a member's password login and its session.
    const b2b = await loggedIn(b2bClient(srv), { minutes: 60 });
    keep('member session token', b2b.login.session_token);
    keep('member session jwt', b2b.login.session_jwt);

    // Refusals and errors: a malformed body carrying a password, an unknown route with a token in its path,
    // a session token sent where a JWT belongs.
    const auth = Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64');
    const bad = await fetch(`${srv.url}/v1/passwords/authenticate`, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body: `{"email":"${email}","password":"${PASSWORD}",` });
    expect(bad.status).toBe(400);
    expect((await api(srv, 'POST', '/v1/sessions/authenticate', { session_jwt: login.body.session_token })).status).toBeGreaterThanOrEqual(400);
    // A wrong project secret (Basic auth) is refused, and not logged either.
    const wrongSecret = `secret-test-${'9'.repeat(36)}`;
    keep('wrong project secret', wrongSecret);
    const refused = await fetch(`${srv.url}/v1/users/search`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${wrongSecret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);

    // Revocation ends the scenario.
    expect((await api(srv, 'POST', '/v1/sessions/revoke', { session_token: login.body.session_token })).status).toBe(200);
    expect((await api(srv, 'POST', '/v1/sessions/authenticate', { session_token: login.body.session_token })).status).toBe(404);

    const log = Buffer.concat(chunks).toString('utf8');
    // The scenario was logged (a line per request at debug and below), as JSON lines with request ids.
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.msg === 'request').length).toBeGreaterThan(15);
    expect(lines.filter((l) => l.msg === 'request').every((l) => typeof l.request_id === 'string')).toBe(true);

    // JWTs also by their signature part alone (the part that makes them usable).
    for (const [what, value] of [...secrets]) {
      if (value.split('.').length === 3) secrets.set(`${what} signature`, value.split('.')[2]!);
    }
    for (const [what, value] of secrets) {
      // A 6-digit code must not stand alone (digits on both sides are a timestamp or a count, not the code).
      const found = /^[0-9]{6}$/.test(value) ? new RegExp(`(?<![0-9])${value}(?![0-9])`).test(log) : log.includes(value);
      expect(found, `${what} appears in the log`).toBe(false);
    }
    // The Basic credentials as sent.
    expect(log).not.toContain(auth);
  });
});
