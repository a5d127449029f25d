/**
 * Concurrent authenticates on one session, through the official clients over HTTP: extensions never
 * shorten it, claim merges lose no update, and nothing authenticates once its revoke returned (consumer
 * and member sessions). Time is frozen with the server's injected clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loggedIn, useB2BServer } from '../b2b/helpers.js';
import { STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from './helpers.js';

const t = useServer();
const b = useB2BServer();
// Frozen a little ahead of real time (on a whole second, as the wire shows seconds): signing keys stay active.
const NOW = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
const MINUTES = [5, 600, 60, 300, 120, 30, 480, 10, 240, 90];

afterEach(() => {
  t.srv.clock.reset();
  b.srv.clock.reset();
});

const errorType = (p: Promise<unknown>) => p.then(() => 'ok', (e: { error_type?: string }) => e.error_type ?? String(e));

describe('consumer sessions under concurrency (official stytch client)', () => {
  it('parallel authenticates with different durations and claims: expiry = the longest, every claim kept; a shorter one later does not shorten it', async () => {
    t.srv.clock.set(NOW);
    const login = await t.client.passwords.create({ email: uniqueEmail('race'), password: STRONG_PASSWORD, session_duration_minutes: 5 });
    await Promise.all(
      MINUTES.map((m, i) => t.client.sessions.authenticate({ session_token: login.session_token, session_duration_minutes: m, session_custom_claims: { [`k${i}`]: i } })),
    );
    const after = await t.client.sessions.authenticate({ session_token: login.session_token, session_duration_minutes: 5 });
    expect(Date.parse(after.session.expires_at!)).toBe(NOW + Math.max(...MINUTES) * 60_000);
    expect(after.session.custom_claims).toEqual(Object.fromEntries(MINUTES.map((_, i) => [`k${i}`, i])));
  });

  it('revoke, then authenticate -> session_not_found, also with authenticates in flight', async () => {
    t.srv.clock.set(NOW);
    const login = await t.client.passwords.create({ email: uniqueEmail('race'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const inflight = Array.from({ length: 10 }, (_, i) =>
      errorType(t.client.sessions.authenticate({ session_token: login.session_token, ...(i % 2 ? {} : { session_duration_minutes: 600, session_custom_claims: { i } }) })),
    );
    await t.client.sessions.revoke({ session_token: login.session_token });
    for (const extra of [{}, { session_duration_minutes: 600 }, { session_custom_claims: { late: true } }]) {
      const e = await stytchError(t.client.sessions.authenticate({ session_token: login.session_token, ...extra }));
      expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
      expect((await stytchError(t.client.sessions.authenticate({ session_jwt: login.session_jwt, ...extra }))).error_type).toBe('session_not_found');
    }
    for (const r of await Promise.all(inflight)) expect(['ok', 'session_not_found']).toContain(r);
    expect((await stytchError(t.client.sessions.authenticate({ session_token: login.session_token }))).error_type).toBe('session_not_found');
    expect((await t.client.sessions.get({ user_id: login.user_id })).sessions).toEqual([]);
  });
});

describe('member sessions under concurrency (official B2BClient)', () => {
  it('parallel authenticates with different durations and claims: expiry = the longest, every claim kept', async () => {
    b.srv.clock.set(NOW);
    const { login } = await loggedIn(b.client, { minutes: 5 });
    await Promise.all(
      MINUTES.map((m, i) => b.client.sessions.authenticate({ session_token: login.session_token, session_duration_minutes: m, session_custom_claims: { [`k${i}`]: i } })),
    );
    const after = await b.client.sessions.authenticate({ session_token: login.session_token, session_duration_minutes: 5 });
    expect(Date.parse(after.member_session.expires_at!)).toBe(NOW + Math.max(...MINUTES) * 60_000);
    expect(after.member_session.custom_claims).toEqual(Object.fromEntries(MINUTES.map((_, i) => [`k${i}`, i])));
  });

  it('revoke, then authenticate -> session_not_found, also with authenticates in flight', async () => {
    b.srv.clock.set(NOW);
    const { login } = await loggedIn(b.client, { minutes: 60 });
    const inflight = Array.from({ length: 10 }, (_, i) =>
      errorType(b.client.sessions.authenticate({ session_token: login.session_token, ...(i % 2 ? {} : { session_duration_minutes: 600, session_custom_claims: { i } }) })),
    );
    await b.client.sessions.revoke({ member_session_id: login.member_session!.member_session_id });
    for (const extra of [{}, { session_duration_minutes: 600 }, { session_custom_claims: { late: true } }]) {
      const e = await stytchError(b.client.sessions.authenticate({ session_token: login.session_token, ...extra }));
      expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
      expect((await stytchError(b.client.sessions.authenticate({ session_jwt: login.session_jwt, ...extra }))).error_type).toBe('session_not_found');
    }
    for (const r of await Promise.all(inflight)) expect(['ok', 'session_not_found']).toContain(r);
  });
});
