/**
 * Rate limits of the consumer email routes (issue #16) with the default per-identifier limit (10 per 10
 * minutes): the 11th send to one address is 429 `too_many_requests` with `Retry-After`, and sends nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stytchError, uniqueEmail, useServer } from '../compat/helpers.js';
import { outbox } from './helpers.js';

const t = useServer();
const URL = 'https://app.example.com/authenticate';

async function raw(path: string, body: object) {
  const auth = Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64');
  return fetch(`${t.srv.url}${path}`, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('rate limits on email routes', () => {
  // Windows are fixed (aligned to multiples of 10 minutes): the server's clock is frozen mid-window, so a
  // window boundary passing during the test cannot reset a count (it did once, at 20:00:00 in CI).
  beforeEach(() => t.srv.clock.set(Math.floor(Date.now() / 600_000) * 600_000 + 300_000));
  afterEach(() => t.srv.clock.reset());

  it('the 11th magic link to one address within 10 minutes is 429 with Retry-After; another address is not affected', async () => {
    const email = uniqueEmail('rl');
    for (let i = 0; i < 10; i++) await t.client.magicLinks.email.loginOrCreate({ email, login_magic_link_url: URL, signup_magic_link_url: URL });
    const res = await raw('/v1/magic_links/email/login_or_create', { email, login_magic_link_url: URL, signup_magic_link_url: URL });
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(600);
    expect(((await res.json()) as { error_type: string }).error_type).toBe('too_many_requests');
    expect((await outbox(t.srv, email)).length).toBe(10);
    expect((await t.client.magicLinks.email.loginOrCreate({ email: uniqueEmail('rl-other'), login_magic_link_url: URL, signup_magic_link_url: URL })).status_code).toBe(200);
    // After the window the address may be sent to again.
    t.srv.clock.advance(10 * 60_000);
    expect((await t.client.magicLinks.email.loginOrCreate({ email, login_magic_link_url: URL, signup_magic_link_url: URL })).status_code).toBe(200);
  });

  it('OTP sends and code checks are limited per address / method id', async () => {
    const email = uniqueEmail('rl-otp');
    let email_id = '';
    for (let i = 0; i < 10; i++) email_id = (await t.client.otps.email.loginOrCreate({ email })).email_id;
    expect((await stytchError(t.client.otps.email.loginOrCreate({ email }))).error_type).toBe('too_many_requests');
    for (let i = 0; i < 10; i++) await stytchError(t.client.otps.authenticate({ method_id: email_id, code: '000001' })).catch(() => undefined);
    const e = await stytchError(t.client.otps.authenticate({ method_id: email_id, code: '000001' }));
    expect([e.status_code, e.error_type]).toEqual([429, 'too_many_requests']);
  });
});
