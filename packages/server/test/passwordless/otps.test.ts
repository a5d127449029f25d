/**
 * Consumer email OTP (issue #16) through the official `stytch` client against a real server: codes are
 * read back from the test outbox.
 */
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from '../compat/helpers.js';
import { footprint, lastCode, lastMessage, outbox, ROOMY_LIMITS } from './helpers.js';

const t = useServer(ROOMY_LIMITS);

/** A code other than `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('email OTP', () => {
  it('login_or_create: a new pending user gets a 6-digit code (2 minutes); the code starts a session and activates the user', async () => {
    const email = uniqueEmail('otp-new');
    const res = await t.client.otps.email.loginOrCreate({ email, create_user_as_pending: true });
    expect(res).toMatchObject({ status_code: 200, user_created: true });
    expect(res.email_id).toMatch(/^email-test-/);
    const msg = await lastMessage(t.srv, email);
    expect(msg.kind).toBe('email_otp');
    expect(msg.code).toMatch(/^\d{6}$/);
    expect(msg.expiration_minutes).toBe(2);
    expect((await t.client.users.get({ user_id: res.user_id })).status).toBe('pending');

    const auth = await t.client.otps.authenticate({ method_id: res.email_id, code: msg.code!, session_duration_minutes: 60 });
    expect(auth).toMatchObject({ user_id: res.user_id, method_id: res.email_id, reset_sessions: false });
    expect(auth.user).toMatchObject({ status: 'active' });
    expect(auth.user.emails[0]).toMatchObject({ email, verified: true });
    expect(auth.session?.authentication_factors).toEqual([
      expect.objectContaining({ type: 'otp', delivery_method: 'email', email_factor: { email_id: res.email_id, email_address: email } }),
    ]);
    expect((await t.client.sessions.authenticate({ session_token: auth.session_token })).user.user_id).toBe(res.user_id);
    // Single use.
    const again = await stytchError(t.client.otps.authenticate({ method_id: res.email_id, code: msg.code! }));
    expect([again.status_code, again.error_type]).toEqual([404, 'otp_code_not_found']);
  });

  it('a wrong code is 401 unable_to_auth_otp_code and the right one still works; without a duration there is no session', async () => {
    const email = uniqueEmail('otp-wrong');
    const { email_id } = await t.client.otps.email.loginOrCreate({ email });
    const code = await lastCode(t.srv, email);
    const e = await stytchError(t.client.otps.authenticate({ method_id: email_id, code: wrong(code) }));
    expect([e.status_code, e.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
    const ok = await t.client.otps.authenticate({ method_id: email_id, code });
    expect(ok).toMatchObject({ session_token: '', session_jwt: '' });
    expect(ok.session ?? null).toBeNull();
  });

  it('after 5 wrong codes the code is dead, even for the right code', async () => {
    const email = uniqueEmail('otp-dead');
    const { email_id } = await t.client.otps.email.loginOrCreate({ email });
    const code = await lastCode(t.srv, email);
    for (let i = 0; i < 5; i++) {
      expect((await stytchError(t.client.otps.authenticate({ method_id: email_id, code: wrong(code) }))).error_type).toBe('unable_to_auth_otp_code');
    }
    const dead = await stytchError(t.client.otps.authenticate({ method_id: email_id, code }));
    expect([dead.status_code, dead.error_type]).toEqual([404, 'otp_code_not_found']);
  });

  it('10 wrong codes lock the user (user_lock_limit_reached), even against a right code', async () => {
    const email = uniqueEmail('otp-lock');
    const { email_id } = await t.client.otps.email.loginOrCreate({ email });
    let code = await lastCode(t.srv, email);
    const types: string[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 5) {
        await t.client.otps.email.send({ email });
        code = await lastCode(t.srv, email);
      }
      types.push((await stytchError(t.client.otps.authenticate({ method_id: email_id, code: wrong(code) }))).error_type);
    }
    expect(types.slice(0, 9).every((x) => x === 'unable_to_auth_otp_code')).toBe(true);
    expect(types[9]).toBe('user_lock_limit_reached');
    await t.client.otps.email.send({ email });
    const locked = await stytchError(t.client.otps.authenticate({ method_id: email_id, code: await lastCode(t.srv, email) }));
    expect([locked.status_code, locked.error_type]).toEqual([401, 'user_lock_limit_reached']);
    const { users } = { users: await t.client.users.search({ query: { operator: 'AND', operands: [{ filter_name: 'email_address', filter_value: [email] }] } }) };
    expect(users.results[0]?.is_locked).toBe(true);
  });

  it('a new code replaces the previous one; a code expires (server clock advanced)', async () => {
    const email = uniqueEmail('otp-replace');
    const { email_id } = await t.client.otps.email.loginOrCreate({ email, expiration_minutes: 1 });
    const first = await lastCode(t.srv, email);
    await t.client.otps.email.loginOrCreate({ email, expiration_minutes: 1 });
    const second = await lastCode(t.srv, email);
    if (first !== second) {
      expect((await stytchError(t.client.otps.authenticate({ method_id: email_id, code: first }))).error_type).toBe('unable_to_auth_otp_code');
    }
    t.srv.clock.advance(61_000);
    const expired = await stytchError(t.client.otps.authenticate({ method_id: email_id, code: second }));
    expect([expired.status_code, expired.error_type]).toEqual([404, 'otp_code_not_found']);
  });

  it('send: to an existing user; unknown address 404 email_not_found; with user_id the address is added and verified by the code', async () => {
    const email = uniqueEmail('otp-send');
    const { user_id } = await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const res = await t.client.otps.email.send({ email, expiration_minutes: 10 });
    expect(res).toMatchObject({ user_id, status_code: 200 });
    expect((await lastMessage(t.srv, email)).expiration_minutes).toBe(10);
    const nobody = uniqueEmail('otp-nobody');
    const e = await stytchError(t.client.otps.email.send({ email: nobody }));
    expect([e.status_code, e.error_type]).toEqual([404, 'email_not_found']);
    expect(await outbox(t.srv, nobody)).toEqual([]);

    const second = uniqueEmail('otp-second');
    const added = await t.client.otps.email.send({ email: second, user_id });
    expect(added.user_id).toBe(user_id);
    expect((await t.client.users.get({ user_id })).emails.find((x) => x.email === second)?.verified).toBe(false);
    const auth = await t.client.otps.authenticate({ method_id: added.email_id, code: await lastCode(t.srv, second) });
    expect(auth.user.emails.find((x) => x.email === second)?.verified).toBe(true);
  });

  it('options.ip_match_required: a code checked from another IP address is 401 attribute_mismatch and not counted', async () => {
    const email = uniqueEmail('otp-attrs');
    const { email_id } = await t.client.otps.email.loginOrCreate({ email, attributes: { ip_address: '203.0.113.9' } });
    const code = await lastCode(t.srv, email);
    const e = await stytchError(t.client.otps.authenticate({ method_id: email_id, code, options: { ip_match_required: true, user_agent_match_required: false }, attributes: { ip_address: '198.51.100.2' } }));
    expect([e.status_code, e.error_type]).toEqual([401, 'attribute_mismatch']);
    const ok = await t.client.otps.authenticate({ method_id: email_id, code, options: { ip_match_required: true, user_agent_match_required: false }, attributes: { ip_address: '203.0.113.9' } });
    expect(ok.status_code).toBe(200);
  });

  it('with session_token, a code adds the otp factor to that session', async () => {
    const email = uniqueEmail('otp-stepup');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const login = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 30 });
    const { email_id } = await t.client.otps.email.send({ email });
    const auth = await t.client.otps.authenticate({ method_id: email_id, code: await lastCode(t.srv, email), session_token: login.session_token });
    expect(auth.session?.session_id).toBe(login.session?.session_id);
    expect(auth.session?.authentication_factors.map((f) => `${f.type}/${f.delivery_method}`)).toEqual(['password/knowledge', 'otp/email']);
  });

  it('invalid inputs get the right 4xx and write nothing', async () => {
    const before = await footprint(t.srv);
    const bad = async (p: Promise<unknown>, status: number, type: string) => {
      const e = await stytchError(p);
      expect([e.status_code, e.error_type]).toEqual([status, type]);
    };
    const email = uniqueEmail('otp-bad');
    await bad(t.client.otps.email.loginOrCreate({ email, expiration_minutes: 11 }), 400, 'invalid_expiration_minutes');
    await bad(t.client.otps.email.loginOrCreate({ email, expiration_minutes: 0 }), 400, 'invalid_expiration_minutes');
    await bad(t.client.otps.email.loginOrCreate({ email: 'nope' }), 400, 'invalid_email');
    await bad(t.client.otps.authenticate({ method_id: 'email-test-00000000-0000-4000-8000-000000000000', code: '12345' }), 400, 'invalid_code');
    await bad(t.client.otps.authenticate({ method_id: 'email-test-00000000-0000-4000-8000-000000000000', code: 'abcdef' }), 400, 'invalid_code');
    await bad(t.client.otps.authenticate({ method_id: 'email-test-00000000-0000-4000-8000-000000000000', code: '123456' }), 404, 'otp_code_not_found');
    await bad(t.client.otps.authenticate({ method_id: 'email-test-00000000-0000-4000-8000-000000000000', code: '123456', session_duration_minutes: 1 }), 400, 'invalid_session_duration_minutes');
    expect(await footprint(t.srv)).toEqual(before);
  });
});
