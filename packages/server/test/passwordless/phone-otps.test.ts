/**
 * Consumer SMS and WhatsApp OTP (issue #16) through the official `stytch` client against a real server.
 * Tessera has no SMS or WhatsApp provider: on test projects the code lands in the local outbox (read back
 * through `GET /v1/test/outbox?to=<number>`), on live projects the request is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { startServer, type TestServer } from '@tessera/test-utils';
import { officialClient, stytchError, uniqueEmail, useServer, STRONG_PASSWORD } from '../compat/helpers.js';
import { startSmtp, type TestSmtp } from '../mail/helpers.js';
import { sdkCall } from '../sdk/helpers.js';
import { formatOutboxEntry } from '../../src/cli/outbox.js';
import type { OutboxEntry } from '../../src/domain/mail/read-outbox.js';
import { footprint, lastMessage, outbox, ROOMY_LIMITS } from './helpers.js';

const t = useServer(ROOMY_LIMITS);

const SANDBOX_PHONE = '+10000000000';
const SANDBOX_PHONE_ID = 'phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0';
const SANDBOX_USER_ID = 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd';

let counter = 0;
/** A fresh E.164 number (+1 555 0xx xxxx). */
const uniquePhone = () => `+1555${String((Date.now() % 1_000_000) * 10 + (counter++ % 10)).padStart(7, '0')}`;
/** A code other than `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** The code of the newest message to `phone`, which must be of `kind` and kept in the local outbox. */
async function phoneCode(srv: TestServer, phone: string, kind: 'sms_otp' | 'whatsapp_otp' = 'sms_otp', creds = srv.project): Promise<string> {
  const [m] = await outbox(srv, phone, creds);
  expect(m, `a message to ${phone}`).toBeDefined();
  expect([m!.kind, m!.status, m!.to]).toEqual([kind, 'local', phone]);
  expect(m!.message!.code).toMatch(/^\d{6}$/);
  return m!.message!.code!;
}

describe('SMS OTP', () => {
  it('login_or_create: a new pending user gets a 6-digit code (2 minutes); the code starts an otp/sms session, verifies the number and activates the user', async () => {
    const phone = uniquePhone();
    const res = await t.client.otps.sms.loginOrCreate({ phone_number: phone, create_user_as_pending: true });
    expect(res).toMatchObject({ status_code: 200, user_created: true });
    expect(res.phone_id).toMatch(/^phone-number-test-/);
    expect(res.user_id).toMatch(/^user-test-/);
    const msg = await lastMessage(t.srv, phone);
    expect(msg).toMatchObject({ kind: 'sms_otp', to: phone, expiration_minutes: 2 });
    const before = await t.client.users.get({ user_id: res.user_id });
    expect(before.status).toBe('pending');
    expect(before.phone_numbers).toEqual([{ phone_id: res.phone_id, phone_number: phone, verified: false }]);

    const auth = await t.client.otps.authenticate({ method_id: res.phone_id, code: msg.code!, session_duration_minutes: 60 });
    expect(auth).toMatchObject({ user_id: res.user_id, method_id: res.phone_id, reset_sessions: false });
    expect(auth.user).toMatchObject({ status: 'active' });
    expect(auth.user.phone_numbers).toEqual([{ phone_id: res.phone_id, phone_number: phone, verified: true }]);
    expect(auth.session?.authentication_factors).toEqual([
      expect.objectContaining({ type: 'otp', delivery_method: 'sms', phone_number_factor: { phone_id: res.phone_id, phone_number: phone } }),
    ]);
    const checked = await t.client.sessions.authenticate({ session_token: auth.session_token });
    expect(checked.user.user_id).toBe(res.user_id);
    // Single use.
    const again = await stytchError(t.client.otps.authenticate({ method_id: res.phone_id, code: msg.code! }));
    expect([again.status_code, again.error_type]).toEqual([404, 'otp_code_not_found']);
    // Next time the number's user is found, not created.
    const login = await t.client.otps.sms.loginOrCreate({ phone_number: phone });
    expect(login).toMatchObject({ user_id: res.user_id, phone_id: res.phone_id, user_created: false });
  });

  it('a number with spaces, dots or dashes is normalized to E.164; a wrong code is 401 and the right one still works, without a session when no duration is given', async () => {
    const phone = uniquePhone();
    const spaced = `${phone.slice(0, 2)} (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    const { phone_id } = await t.client.otps.sms.loginOrCreate({ phone_number: spaced });
    const code = await phoneCode(t.srv, phone);
    const e = await stytchError(t.client.otps.authenticate({ method_id: phone_id, code: wrong(code) }));
    expect([e.status_code, e.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
    const ok = await t.client.otps.authenticate({ method_id: phone_id, code });
    expect(ok).toMatchObject({ session_token: '', session_jwt: '' });
    expect(ok.session ?? null).toBeNull();
  });

  it('one live code per number: a new code (SMS or WhatsApp) ends the previous one', async () => {
    const phone = uniquePhone();
    const { phone_id } = await t.client.otps.sms.loginOrCreate({ phone_number: phone });
    const first = await phoneCode(t.srv, phone);
    const second = await t.client.otps.whatsapp.send({ phone_number: phone });
    expect(second.phone_id).toBe(phone_id);
    const code = await phoneCode(t.srv, phone, 'whatsapp_otp');
    if (code !== first) {
      const old = await stytchError(t.client.otps.authenticate({ method_id: phone_id, code: first }));
      expect([old.status_code, old.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
    }
    const auth = await t.client.otps.authenticate({ method_id: phone_id, code, session_duration_minutes: 60 });
    expect(auth.session?.authentication_factors[0]).toMatchObject({ type: 'otp', delivery_method: 'whatsapp' });
  });

  it('after 5 wrong codes the code is dead; 10 wrong codes lock the user (user_lock_limit_reached), even against a right code', async () => {
    const phone = uniquePhone();
    const { phone_id, user_id } = await t.client.otps.sms.loginOrCreate({ phone_number: phone });
    let code = await phoneCode(t.srv, phone);
    const types: string[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 5) {
        const dead = await stytchError(t.client.otps.authenticate({ method_id: phone_id, code }));
        expect([dead.status_code, dead.error_type]).toEqual([404, 'otp_code_not_found']);
        await t.client.otps.sms.send({ phone_number: phone });
        code = await phoneCode(t.srv, phone);
      }
      types.push((await stytchError(t.client.otps.authenticate({ method_id: phone_id, code: wrong(code) }))).error_type);
    }
    expect(types.slice(0, 9).every((x) => x === 'unable_to_auth_otp_code')).toBe(true);
    expect(types[9]).toBe('user_lock_limit_reached');
    await t.client.otps.sms.send({ phone_number: phone });
    const locked = await stytchError(t.client.otps.authenticate({ method_id: phone_id, code: await phoneCode(t.srv, phone) }));
    expect([locked.status_code, locked.error_type]).toEqual([401, 'user_lock_limit_reached']);
    expect((await t.client.users.get({ user_id })).phone_numbers[0]?.verified).toBe(false);
  });

  it('the outbox answers ?to= with the number typed unencoded (its + read as a space)', async () => {
    const phone = uniquePhone();
    await t.client.otps.sms.loginOrCreate({ phone_number: phone });
    const auth = Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64');
    const res = await fetch(`${t.srv.url}/v1/test/outbox?to=${phone}`, { headers: { authorization: `Basic ${auth}` } });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: { kind: string; to: string; text: string }[] };
    expect(messages.map((m) => [m.kind, m.to])).toEqual([['sms_otp', phone]]);
    expect(messages[0]!.text).toMatch(/^\d{6} is your .+ verification code\. It expires in 2 minutes\./);
    // What `tessera outbox --to <number>` prints for it: the code, on its own line.
    const printed = formatOutboxEntry(messages[0] as unknown as OutboxEntry);
    expect(printed).toContain(`local   sms_otp  to ${phone}`);
    expect(printed).toMatch(/\n  code: +\d{6}\n/);
  });
});

describe('send (SMS and WhatsApp)', () => {
  it('an unknown number is 404 phone_number_not_found and writes nothing', async () => {
    const before = await footprint(t.srv);
    // One call at a time: a second promise made up front would reject unobserved while the first is awaited.
    for (const send of [() => t.client.otps.sms.send({ phone_number: uniquePhone() }), () => t.client.otps.whatsapp.send({ phone_number: uniquePhone() })]) {
      const e = await stytchError(send());
      expect([e.status_code, e.error_type]).toEqual([404, 'phone_number_not_found']);
    }
    expect(await footprint(t.srv)).toEqual(before);
  });

  it('with user_id the number is added unverified to that user and the code verifies it; another user’s number is 400 duplicate_phone_number', async () => {
    const email = uniqueEmail('phone-add');
    const { user_id } = await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const phone = uniquePhone();
    const sent = await t.client.otps.whatsapp.send({ phone_number: phone, user_id });
    expect(sent.user_id).toBe(user_id);
    expect((await t.client.users.get({ user_id })).phone_numbers).toEqual([{ phone_id: sent.phone_id, phone_number: phone, verified: false }]);
    const code = await phoneCode(t.srv, phone, 'whatsapp_otp');
    const auth = await t.client.otps.authenticate({ method_id: sent.phone_id, code, session_duration_minutes: 60 });
    expect(auth.user_id).toBe(user_id);
    expect(auth.user.phone_numbers[0]).toMatchObject({ phone_number: phone, verified: true });
    expect(auth.session?.authentication_factors[0]).toMatchObject({
      type: 'otp',
      delivery_method: 'whatsapp',
      phone_number_factor: { phone_id: sent.phone_id, phone_number: phone },
    });

    const other = await t.client.passwords.create({ email: uniqueEmail('phone-other'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const before = await footprint(t.srv);
    const dup = await stytchError(t.client.otps.sms.send({ phone_number: phone, session_token: other.session_token }));
    expect([dup.status_code, dup.error_type]).toEqual([400, 'duplicate_phone_number']);
    expect(await footprint(t.srv)).toEqual(before);
    expect((await t.client.users.get({ user_id: other.user_id })).phone_numbers).toEqual([]);
  });

  it('with a session the number is added to the session’s user; the code then adds the factor to that session', async () => {
    const me = await t.client.passwords.create({ email: uniqueEmail('phone-session'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const phone = uniquePhone();
    const sent = await t.client.otps.sms.send({ phone_number: phone, session_token: me.session_token });
    expect(sent.user_id).toBe(me.user_id);
    const code = await phoneCode(t.srv, phone);
    const auth = await t.client.otps.authenticate({ method_id: sent.phone_id, code, session_token: me.session_token });
    expect(auth.session?.session_id).toBe(me.session?.session_id);
    expect(auth.session?.authentication_factors.map((f) => [f.type, f.delivery_method])).toEqual([
      ['password', 'knowledge'],
      ['otp', 'sms'],
    ]);
  });

  it('expiration_minutes outside 1..10 is 400 invalid_expiration_minutes; 10 is kept on the message', async () => {
    const phone = uniquePhone();
    const before = await footprint(t.srv);
    for (const m of [0, 11]) {
      const e = await stytchError(t.client.otps.sms.loginOrCreate({ phone_number: phone, expiration_minutes: m }));
      expect([e.status_code, e.error_type]).toEqual([400, 'invalid_expiration_minutes']);
    }
    expect(await footprint(t.srv)).toEqual(before);
    await t.client.otps.whatsapp.loginOrCreate({ phone_number: phone, expiration_minutes: 10 });
    expect((await lastMessage(t.srv, phone)).expiration_minutes).toBe(10);
  });
});

describe('invalid numbers', () => {
  it('a number that is not E.164 is 400 invalid_phone_number on every phone route and writes nothing', async () => {
    const me = await t.client.passwords.create({ email: uniqueEmail('phone-bad'), password: STRONG_PASSWORD });
    const before = await footprint(t.srv);
    for (const phone_number of ['5551234567', '+0123456789', '+1 555 abc 1234', '+12345', '+1234567890123456', '', 'sandbox@stytch.com']) {
      const calls = [
        t.client.otps.sms.loginOrCreate({ phone_number }),
        t.client.otps.sms.send({ phone_number }),
        t.client.otps.whatsapp.loginOrCreate({ phone_number }),
        t.client.otps.whatsapp.send({ phone_number, user_id: me.user_id }),
      ];
      for (const call of calls) {
        const e = await stytchError(call);
        expect([phone_number, e.status_code, e.error_type]).toEqual([phone_number, 400, 'invalid_phone_number']);
      }
    }
    const notString = await fetch(`${t.srv.url}/v1/otps/sms/login_or_create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic ' + Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64') },
      body: JSON.stringify({ phone_number: 15551234567 }),
    });
    expect([notString.status, ((await notString.json()) as { error_type: string }).error_type]).toEqual([400, 'invalid_phone_number']);
    expect(await footprint(t.srv)).toEqual(before);
  });
});

describe('sandbox +10000000000 (test projects)', () => {
  it('send and login_or_create answer 200 with the sandbox user and phone id and send nothing', async () => {
    const before = await footprint(t.srv);
    const results = [
      await t.client.otps.sms.send({ phone_number: SANDBOX_PHONE }),
      await t.client.otps.sms.loginOrCreate({ phone_number: SANDBOX_PHONE }),
      await t.client.otps.whatsapp.send({ phone_number: SANDBOX_PHONE }),
      await t.client.otps.whatsapp.loginOrCreate({ phone_number: SANDBOX_PHONE }),
    ];
    for (const r of results) expect(r).toMatchObject({ status_code: 200, user_id: SANDBOX_USER_ID, phone_id: SANDBOX_PHONE_ID });
    expect(results[1]).toMatchObject({ user_created: false });
    expect(await footprint(t.srv)).toEqual(before);
    expect(await outbox(t.srv, SANDBOX_PHONE)).toEqual([]);
  });

  it('authenticate with the sandbox phone id: 000000 signs the sandbox user in with an otp/sms factor; another code is 401', async () => {
    const auth = await t.client.otps.authenticate({ method_id: SANDBOX_PHONE_ID, code: '000000', session_duration_minutes: 60 });
    expect(auth).toMatchObject({ user_id: SANDBOX_USER_ID, method_id: SANDBOX_PHONE_ID });
    expect(auth.user.phone_numbers).toEqual([{ phone_id: SANDBOX_PHONE_ID, phone_number: SANDBOX_PHONE, verified: true }]);
    expect(auth.session?.authentication_factors[0]).toMatchObject({
      type: 'otp',
      delivery_method: 'sms',
      phone_number_factor: { phone_id: SANDBOX_PHONE_ID, phone_number: SANDBOX_PHONE },
    });
    const bare = await t.client.otps.authenticate({ method_id: SANDBOX_PHONE_ID, code: '000000' });
    expect(bare).toMatchObject({ session_token: '', session_jwt: '' });
    const e = await stytchError(t.client.otps.authenticate({ method_id: SANDBOX_PHONE_ID, code: '123456' }));
    expect([e.status_code, e.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
  });
});

describe('live project: no SMS or WhatsApp provider', () => {
  it('every phone route is 400 sms_delivery_not_configured and writes nothing, the sandbox number included', async () => {
    const live = await t.srv.createProject({ live: true });
    const client = officialClient(t.srv, live);
    const stores = t.srv.server.runtime.deps.stores;
    const count = async () => ({
      users: (await stores.users.search(live.project_id, { operator: 'AND', operands: [], after: null, limit: 1 })).total,
      outbox: (await stores.outbox.list(live.project_id, { limit: 100 })).length,
    });
    const { user_id } = await client.passwords.create({ email: uniqueEmail('live-phone'), password: STRONG_PASSWORD });
    const before = await count();
    for (const phone_number of [uniquePhone(), SANDBOX_PHONE]) {
      const calls = [
        client.otps.sms.loginOrCreate({ phone_number }),
        client.otps.sms.send({ phone_number, user_id }),
        client.otps.whatsapp.loginOrCreate({ phone_number, create_user_as_pending: true }),
        client.otps.whatsapp.send({ phone_number }),
      ];
      for (const call of calls) {
        const e = await stytchError(call);
        expect([e.status_code, e.error_type]).toEqual([400, 'sms_delivery_not_configured']);
        expect(e.error_message).toBe('This server has no SMS or WhatsApp provider configured; phone one-time passcodes are available on test projects only.');
      }
    }
    expect(await count()).toEqual(before);
    expect((await client.users.get({ user_id })).phone_numbers).toEqual([]);
    const sdk = await sdkCall(t.srv, '/sdk/v1/otps/sms/login_or_create', { body: { phone_number: uniquePhone() }, publicToken: live.public_token });
    expect([sdk.status, sdk.body.error_type]).toEqual([400, 'sms_delivery_not_configured']);
    // A malformed number is still a malformed number.
    const bad = await stytchError(client.otps.sms.loginOrCreate({ phone_number: '12' }));
    expect(bad.error_type).toBe('invalid_phone_number');
    expect(await count()).toEqual(before);
  });
});

describe('/sdk/v1 phone OTP', () => {
  it('sms login_or_create answers the method_id; /sdk/v1/otps/authenticate with it starts a session', async () => {
    const phone = uniquePhone();
    const sent = await sdkCall(t.srv, '/sdk/v1/otps/sms/login_or_create', { body: { phone_number: phone, expiration_minutes: 5, enable_autofill: false } });
    expect(sent.status).toBe(200);
    expect(sent.data.method_id).toMatch(/^phone-number-test-/);
    expect(sent.data.user_id).toBeUndefined();
    const code = await phoneCode(t.srv, phone);
    const auth = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: code, method_id: sent.data.method_id, session_duration_minutes: 60 } });
    expect(auth.status).toBe(200);
    expect(auth.data.session.authentication_factors[0]).toMatchObject({
      type: 'otp',
      delivery_method: 'sms',
      phone_number_factor: { phone_id: sent.data.method_id, phone_number: phone },
    });
    expect(auth.data.__user.phone_numbers[0]).toMatchObject({ phone_number: phone, verified: true });
    expect(auth.data.session_token).toHaveLength(44);
  });

  it('whatsapp send/primary: existing numbers only; send/secondary needs a session and adds the number to the caller', async () => {
    const unknown = await sdkCall(t.srv, '/sdk/v1/otps/whatsapp/send/primary', { body: { phone_number: uniquePhone() } });
    expect([unknown.status, unknown.body.error_type]).toEqual([404, 'phone_number_not_found']);
    const phone = uniquePhone();
    const anonymous = await sdkCall(t.srv, '/sdk/v1/otps/whatsapp/send/secondary', { body: { phone_number: phone } });
    expect([anonymous.status, anonymous.body.error_type]).toEqual([401, 'user_unauthenticated']);

    const email = uniqueEmail('sdk-phone');
    const signed = await sdkCall(t.srv, '/sdk/v1/passwords', { body: { email, password: STRONG_PASSWORD, session_duration_minutes: 60 } });
    const token = signed.data.session_token as string;
    const secondary = await sdkCall(t.srv, '/sdk/v1/otps/whatsapp/send/secondary', { body: { phone_number: phone }, sessionToken: token });
    expect(secondary.status).toBe(200);
    const user = await t.client.users.get({ user_id: signed.data.user_id });
    expect(user.phone_numbers).toEqual([{ phone_id: secondary.data.method_id, phone_number: phone, verified: false }]);
    const code = await phoneCode(t.srv, phone, 'whatsapp_otp');
    const auth = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: code, method_id: secondary.data.method_id, session_duration_minutes: 60 }, sessionToken: token });
    expect(auth.status).toBe(200);
    expect(auth.data.session.authentication_factors.map((f: { delivery_method: string }) => f.delivery_method)).toEqual(['knowledge', 'whatsapp']);

    const primary = await sdkCall(t.srv, '/sdk/v1/otps/whatsapp/send/primary', { body: { phone_number: phone } });
    expect([primary.status, primary.data.method_id]).toEqual([200, secondary.data.method_id]);
    const sms = await sdkCall(t.srv, '/sdk/v1/otps/sms/send/primary', { body: { phone_number: phone } });
    expect([sms.status, sms.data.method_id]).toEqual([200, secondary.data.method_id]);
    expect((await outbox(t.srv, phone)).map((m) => m.kind)).toEqual(['sms_otp', 'whatsapp_otp', 'whatsapp_otp']);
  });

  it('whatsapp login_or_create and sms send/secondary exist; invalid numbers are 400; the sandbox number answers its phone id', async () => {
    const phone = uniquePhone();
    const w = await sdkCall(t.srv, '/sdk/v1/otps/whatsapp/login_or_create', { body: { phone_number: phone } });
    expect(w.status).toBe(200);
    expect((await lastMessage(t.srv, phone)).kind).toBe('whatsapp_otp');
    const bad = await sdkCall(t.srv, '/sdk/v1/otps/sms/send/primary', { body: { phone_number: 'nope' } });
    expect([bad.status, bad.body.error_type]).toEqual([400, 'invalid_phone_number']);
    const sandbox = await sdkCall(t.srv, '/sdk/v1/otps/sms/login_or_create', { body: { phone_number: SANDBOX_PHONE } });
    expect([sandbox.status, sandbox.data.method_id]).toEqual([200, SANDBOX_PHONE_ID]);
    const anonymous = await sdkCall(t.srv, '/sdk/v1/otps/sms/send/secondary', { body: { phone_number: phone } });
    expect([anonymous.status, anonymous.body.error_type]).toEqual([401, 'user_unauthenticated']);
  });
});

describe('rate limits per number', () => {
  let srv: TestServer;
  let client: stytch.Client;
  beforeAll(async () => {
    srv = await startServer({ env: { TESSERA_RATE_LIMIT_IDENTIFIER: '2/10m' } });
    client = officialClient(srv);
  });
  afterAll(() => srv?.close());

  it('the third code to one number within the window is 429 too_many_requests and sends nothing; other numbers are not held back', async () => {
    const phone = uniquePhone();
    await client.otps.sms.loginOrCreate({ phone_number: phone });
    await client.otps.sms.loginOrCreate({ phone_number: phone });
    const e = await stytchError(client.otps.sms.loginOrCreate({ phone_number: phone }));
    expect([e.status_code, e.error_type]).toEqual([429, 'too_many_requests']);
    expect(await outbox(srv, phone)).toHaveLength(2);
    expect((await client.otps.sms.loginOrCreate({ phone_number: uniquePhone() })).status_code).toBe(200);
    srv.clock.advance(10 * 60_000 + 1_000);
    expect((await client.otps.sms.send({ phone_number: phone })).status_code).toBe(200);
  });
});

describe('with SMTP configured', () => {
  let smtp: TestSmtp;
  let srv: TestServer;
  let client: stytch.Client;
  beforeAll(async () => {
    smtp = await startSmtp();
    srv = await startServer({ env: { TESSERA_SMTP_URL: smtp.url, TESSERA_MAIL_FROM: 'Acme <login@acme.test>' } });
    client = officialClient(srv);
  });
  afterAll(async () => {
    await srv?.close();
    await smtp?.close();
  });

  it('phone codes stay in the local outbox (never handed to the SMTP sender) while email goes out', async () => {
    const phone = uniquePhone();
    const { phone_id } = await client.otps.sms.loginOrCreate({ phone_number: phone });
    await client.otps.whatsapp.send({ phone_number: phone });
    // An email queued after them: once it has arrived, the sender has passed over the phone messages.
    const email = uniqueEmail('smtp-after-sms');
    await client.otps.email.loginOrCreate({ email });
    await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.text).not.toContain('verification code');
    const msgs = await outbox(srv, phone);
    expect(msgs.map((m) => [m.kind, m.status])).toEqual([
      ['whatsapp_otp', 'local'],
      ['sms_otp', 'local'],
    ]);
    const rows = await srv.server.runtime.deps.stores.outbox.list(srv.project.project_id, { limit: 10 });
    expect(rows.filter((r) => r.recipient === phone).map((r) => [r.status, r.attempts])).toEqual([
      ['local', 0],
      ['local', 0],
    ]);
    const auth = await client.otps.authenticate({ method_id: phone_id, code: msgs[0]!.message!.code!, session_duration_minutes: 60 });
    expect(auth.session?.authentication_factors[0]).toMatchObject({ type: 'otp', delivery_method: 'whatsapp' });
  });
});
