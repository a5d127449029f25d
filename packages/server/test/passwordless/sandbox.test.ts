/**
 * Stytch's consumer sandbox values on a test project, through the official client and
 * the frontend API; on a live project the same values are ordinary inputs.
 */
import { describe, expect, it } from 'vitest';
import { officialClient, stytchError, useServer } from '../compat/helpers.js';
import { sdkCall } from '../sdk/helpers.js';
import { outbox, ROOMY_LIMITS } from './helpers.js';

const t = useServer(ROOMY_LIMITS);
const SANDBOX = 'sandbox@stytch.com';
const USER = 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd';
const TOKENS = {
  ok: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=',
  used: '3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=',
  unknown: 'CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=',
};
const SESSION_OK = 'WJtR5BCy38Szd5AfoDpf0iqFKEt4EE5JhjlWUY7l3FtY';
const SESSION_GONE = '59cnLELtq5cFVS6uYK9f-pAWzBkhqZl8AvLhbhOvKNWw';
const URL = 'https://app.example.com/authenticate';

describe('consumer sandbox (test project)', () => {
  it('magic link sends to sandbox@stytch.com answer 200 with the sandbox user and send nothing', async () => {
    const loc = await t.client.magicLinks.email.loginOrCreate({ email: SANDBOX });
    expect(loc).toMatchObject({ user_id: USER, user_created: false, status_code: 200 });
    expect((await t.client.magicLinks.email.send({ email: SANDBOX })).user_id).toBe(USER);
    expect((await t.client.magicLinks.email.invite({ email: SANDBOX })).user_id).toBe(USER);
    expect((await t.client.magicLinks.email.revokeInvite({ email: SANDBOX })).status_code).toBe(200);
    expect(await outbox(t.srv, SANDBOX)).toEqual([]);
  });

  it('the three sandbox magic link tokens: 200 (session only with a duration), 401, 404', async () => {
    const plain = await t.client.magicLinks.authenticate({ token: TOKENS.ok });
    expect(plain).toMatchObject({ user_id: USER, session_token: '', session_jwt: '' });
    expect(plain.session ?? null).toBeNull();
    const withSession = await t.client.magicLinks.authenticate({ token: TOKENS.ok, session_duration_minutes: 60 });
    expect(withSession.session?.authentication_factors[0]?.email_factor?.email_address).toBe(SANDBOX);
    expect(withSession.session?.user_id).toBe(USER);
    const used = await stytchError(t.client.magicLinks.authenticate({ token: TOKENS.used }));
    expect([used.status_code, used.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
    const unknown = await stytchError(t.client.magicLinks.authenticate({ token: TOKENS.unknown }));
    expect([unknown.status_code, unknown.error_type]).toEqual([404, 'magic_link_not_found']);
  });

  it('email OTP: sandbox@stytch.com gets a fixed method id that accepts 000000', async () => {
    const sent = await t.client.otps.email.send({ email: SANDBOX });
    expect(sent.user_id).toBe(USER);
    expect(sent.email_id).toMatch(/^email-test-[0-9a-f-]{36}$/);
    expect((await t.client.otps.email.loginOrCreate({ email: SANDBOX })).email_id).toBe(sent.email_id);
    expect(await outbox(t.srv, SANDBOX)).toEqual([]);
    const ok = await t.client.otps.authenticate({ method_id: sent.email_id, code: '000000', session_duration_minutes: 30 });
    expect(ok).toMatchObject({ user_id: USER, method_id: sent.email_id });
    expect(ok.session?.authentication_factors[0]).toMatchObject({ type: 'otp', delivery_method: 'email' });
    const wrong = await stytchError(t.client.otps.authenticate({ method_id: sent.email_id, code: '123456' }));
    expect([wrong.status_code, wrong.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
  });

  it('sessions: the sandbox token is a session started 2021-08-28T00:41:58.935673Z whose JWT verifies against the JWKS; the other is 404', async () => {
    const res = await t.client.sessions.authenticate({ session_token: SESSION_OK });
    expect(res.session).toMatchObject({ user_id: USER, started_at: '2021-08-28T00:41:58.935673Z' });
    expect(res.session_token).toBe(SESSION_OK);
    expect(res.user.user_id).toBe(USER);
    const local = await t.client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt });
    expect(local.user_id).toBe(USER);
    const gone = await stytchError(t.client.sessions.authenticate({ session_token: SESSION_GONE }));
    expect([gone.status_code, gone.error_type]).toEqual([404, 'session_not_found']);
    const list = await stytchError(t.client.sessions.get({ user_id: USER }));
    expect([list.status_code, list.error_type]).toEqual([404, 'user_not_found']);
  });

  it('the frontend API honours them on test projects too', async () => {
    const auth = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { body: { token: TOKENS.ok, session_duration_minutes: 60 } });
    expect(auth.status).toBe(200);
    expect(auth.data.user_id).toBe(USER);
    expect(auth.data.session_token).toBe(SESSION_OK);
    const sent = await sdkCall(t.srv, '/sdk/v1/otps/email/login_or_create', { body: { email: SANDBOX } });
    const otp = await sdkCall(t.srv, '/sdk/v1/otps/authenticate', { body: { token: '000000', method_id: sent.data.method_id, session_duration_minutes: 60 } });
    expect([otp.status, otp.data.user_id]).toEqual([200, USER]);
    const used = await sdkCall(t.srv, '/sdk/v1/magic_links/authenticate', { body: { token: TOKENS.used, session_duration_minutes: 60 } });
    expect([used.status, used.body.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
    const session = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: SESSION_OK });
    expect([session.status, session.data.session.user_id]).toEqual([200, USER]);
    const gone = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: SESSION_GONE });
    expect([gone.status, gone.body.error_type]).toEqual([404, 'session_not_found']);
  });
});

describe('live project: the sandbox values are ordinary inputs', () => {
  it('sandbox@stytch.com gets a real user and a real link; the fixed tokens are unknown', async () => {
    const live = await t.srv.createProject({ live: true });
    const client = officialClient(t.srv, live);
    const res = await client.magicLinks.email.loginOrCreate({ email: SANDBOX, login_magic_link_url: URL, signup_magic_link_url: URL });
    expect(res.user_created).toBe(true);
    expect(res.user_id).toMatch(/^user-live-/);
    const ml = await stytchError(client.magicLinks.authenticate({ token: TOKENS.ok }));
    expect([ml.status_code, ml.error_type]).toEqual([404, 'magic_link_not_found']);
    const used = await stytchError(client.magicLinks.authenticate({ token: TOKENS.used }));
    expect(used.error_type).toBe('magic_link_not_found');
    const s = await stytchError(client.sessions.authenticate({ session_token: SESSION_OK }));
    expect([s.status_code, s.error_type]).toEqual([404, 'session_not_found']);
    const otp = await stytchError(client.otps.authenticate({ method_id: 'email-test-81bf03a8-86e1-4d95-bd44-bb3495224953', code: '000000' }));
    expect([otp.status_code, otp.error_type]).toEqual([404, 'otp_code_not_found']);
  });
});
