/** Every body field of the consumer email (and SMS/WhatsApp OTP) routes, given every wrong type, answers a Stytch-shaped 4xx (never a 5xx). */
import { afterAll, beforeAll, describe } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { magicLinkRoutes } from '../../src/http/routes/magic-links.js';
import { otpRoutes } from '../../src/http/routes/otps.js';
import { passwordRoutes } from '../../src/http/routes/passwords.js';
import { officialClient, STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';
import { fuzzBodyFields } from '../http/fuzz-fields.js';
import { rawSender, type Send } from '../http/send.js';

let srv: TestServer;
let send: Send;
let user: { user_id: string; email: string; email_id: string; session_token: string };
beforeAll(async () => {
  srv = await startServer({ env: { TESSERA_RATE_LIMIT_IDENTIFIER: '100000/1m', TESSERA_RATE_LIMIT_ENDPOINT: '100000/1m' } });
  send = rawSender(srv);
  const email = uniqueEmail('fuzz-pl');
  const res = await officialClient(srv).passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 600 });
  user = { user_id: res.user_id, email, email_id: res.email_id, session_token: res.session_token };
});
afterAll(() => srv.close());

const URL = 'https://app.example.com/authenticate';
let phones = 0;
/** A fresh E.164 number for each request (sends add it to the user). */
const phone = () => `+1555${String(Date.now() % 100_000).padStart(5, '0')}${String(phones++ % 100).padStart(2, '0')}`;
const BASE: Record<string, () => Record<string, unknown>> = {
  'POST /v1/magic_links/email/login_or_create': () => ({ email: uniqueEmail('fz'), login_magic_link_url: URL, signup_magic_link_url: URL }),
  'POST /v1/magic_links/email/send': () => ({ email: user.email, login_magic_link_url: URL }),
  'POST /v1/magic_links/email/invite': () => ({ email: uniqueEmail('fzi'), invite_magic_link_url: URL }),
  'POST /v1/magic_links/email/revoke_invite': () => ({ email: user.email }),
  'POST /v1/magic_links': () => ({ user_id: user.user_id }),
  'POST /v1/magic_links/authenticate': () => ({ token: 'A'.repeat(43) + '=' }),
  'POST /v1/otps/email/login_or_create': () => ({ email: uniqueEmail('fzo') }),
  'POST /v1/otps/email/send': () => ({ email: user.email }),
  'POST /v1/otps/sms/login_or_create': () => ({ phone_number: phone() }),
  'POST /v1/otps/sms/send': () => ({ phone_number: phone(), user_id: user.user_id }),
  'POST /v1/otps/whatsapp/login_or_create': () => ({ phone_number: phone() }),
  'POST /v1/otps/whatsapp/send': () => ({ phone_number: phone(), user_id: user.user_id }),
  'POST /v1/otps/authenticate': () => ({ method_id: user.email_id, code: '123456' }),
  'POST /v1/passwords/email/reset/start': () => ({ email: user.email, reset_password_redirect_url: URL }),
  'POST /v1/passwords/email/reset': () => ({ token: 'A'.repeat(43) + '=', password: STRONG_PASSWORD }),
};

describe('no consumer email-flow input yields a 5xx', () => {
  fuzzBodyFields(
    [...magicLinkRoutes, ...otpRoutes, ...passwordRoutes.filter((r) => r.url.startsWith('/v1/passwords/email/'))],
    { send: () => send, base: BASE, path: (url) => url },
  );
});
