import { authenticateMagicLink } from '../../../domain/magic-links/authenticate-magic-link.js';
import { loginOrCreateMagicLink } from '../../../domain/magic-links/login-or-create-magic-link.js';
import { sendMagicLink } from '../../../domain/magic-links/send-magic-link.js';
import { authenticateOtp } from '../../../domain/otps/authenticate-otp.js';
import type { PhoneChannel } from '../../../domain/otps/deliver-phone-otp.js';
import { loginOrCreateEmailOtp } from '../../../domain/otps/login-or-create-email-otp.js';
import { loginOrCreatePhoneOtp } from '../../../domain/otps/login-or-create-phone-otp.js';
import { sendEmailOtp } from '../../../domain/otps/send-email-otp.js';
import { sendPhoneOtp } from '../../../domain/otps/send-phone-otp.js';
import type { AuthenticatedSession } from '../../../domain/sessions/authenticate-session.js';
import type { ProjectContext } from '../../../domain/context.js';
import type { UserRecord } from '../../../store/records.js';
import { CodeVerifier, LinkToken } from '../../routes/email-fields.js';
import { LoginOrCreateFields } from '../../routes/magic-links.js';
import { Code, EmailOtpFields, MethodId, PhoneOtpFields } from '../../routes/otps.js';
import { loginResponse } from '../../routes/session-fields.js';
import { Body, SessionFields } from '../../schema.js';
import { sdkPublicRoute, sdkSessionRoute } from '../sdk-route.js';

const Duration = SessionFields.session_duration_minutes;

/** A login answer of the frontend API: the backend's fields plus `__user`, which the SDK reads for its state. */
function sdkLogin(ctx: ProjectContext, r: { user: UserRecord; session: AuthenticatedSession | null; method_id: string }) {
  const body = loginResponse(ctx, r.user, r.session);
  return { method_id: r.method_id, reset_sessions: false, ...body, __user: body.user };
}

/**
 * SMS or WhatsApp codes for the browser SDK, answering the `method_id` (the phone_id) as the email ones do;
 * test projects only (live: 400 `sms_delivery_not_configured`).
 */
const sdkPhoneOtpRoutes = (channel: PhoneChannel) => [
  sdkPublicRoute({
    method: 'POST',
    url: `/sdk/v1/otps/${channel}/login_or_create`,
    summary: `Send a one-time code by ${channel === 'sms' ? 'SMS' : 'WhatsApp'} (the user is created when new); answers the method_id`,
    body: Body(PhoneOtpFields),
    async handler({ ctx }, { body }) {
      const { phone_id } = await loginOrCreatePhoneOtp(ctx, channel, body);
      return { method_id: phone_id };
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: `/sdk/v1/otps/${channel}/send/primary`,
    summary: `Send a one-time code by ${channel === 'sms' ? 'SMS' : 'WhatsApp'} to an existing user's number; answers the method_id`,
    body: Body(PhoneOtpFields),
    async handler({ ctx }, { body }) {
      const { phone_id } = await sendPhoneOtp(ctx, channel, body);
      return { method_id: phone_id };
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: `/sdk/v1/otps/${channel}/send/secondary`,
    summary: `Add a number to the caller's user and send a one-time code to it by ${channel === 'sms' ? 'SMS' : 'WhatsApp'}; answers the method_id`,
    body: Body(PhoneOtpFields),
    async handler({ ctx, sessionToken }, { body }) {
      const { phone_id } = await sendPhoneOtp(ctx, channel, { ...body, session_token: sessionToken });
      return { method_id: phone_id };
    },
  }),
];

/**
 * Email magic links and email OTP for the browser SDK. Redirect URLs must be on an origin the project
 * allows (`redirectUrl(..., 'sdk')`). Sends answer without user ids (the page needs none, and a public
 * token must not map addresses to users), except OTP sends, whose `method_id` the page needs for the code.
 * `send/primary` is the logged-out login; `send/secondary` adds the address to the caller's user. An
 * authenticate call that carries the caller's session adds the factor to it (step-up) when it is the same
 * user's; otherwise it starts a new session.
 */
export const sdkPasswordlessRoutes = [
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/magic_links/email/login_or_create',
    summary: 'Email a login or signup link (the user is created when new)',
    body: Body(LoginOrCreateFields),
    async handler({ ctx }, { body }) {
      await loginOrCreateMagicLink(ctx, body, 'sdk');
      return {};
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/magic_links/email/send/primary',
    summary: "Email a login link to an existing user's address",
    body: Body(LoginOrCreateFields),
    async handler({ ctx }, { body }) {
      await sendMagicLink(ctx, body, 'sdk');
      return {};
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/magic_links/email/send/secondary',
    summary: "Add an address to the caller's user and email a link to it",
    body: Body(LoginOrCreateFields),
    async handler({ ctx, sessionToken }, { body }) {
      await sendMagicLink(ctx, { ...body, session_token: sessionToken }, 'sdk');
      return {};
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/magic_links/authenticate',
    summary: 'Authenticate a magic link token; sets the session cookies of HttpOnly projects',
    body: Body({ token: LinkToken('magic_link_not_found'), session_duration_minutes: Duration, code_verifier: CodeVerifier }),
    async handler({ ctx, sessionToken }, { body }) {
      const r = await authenticateMagicLink(ctx, {
        token: body.token,
        code_verifier: body.code_verifier,
        session_duration_minutes: body.session_duration_minutes,
        caller_session_token: sessionToken,
      });
      return sdkLogin(ctx, r);
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/otps/email/login_or_create',
    summary: 'Email a one-time code (the user is created when new); answers the method_id',
    body: Body(EmailOtpFields),
    async handler({ ctx }, { body }) {
      const { email_id } = await loginOrCreateEmailOtp(ctx, body);
      return { method_id: email_id };
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/otps/email/send/primary',
    summary: "Email a one-time code to an existing user's address; answers the method_id",
    body: Body(EmailOtpFields),
    async handler({ ctx }, { body }) {
      const { email_id } = await sendEmailOtp(ctx, body);
      return { method_id: email_id };
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/otps/email/send/secondary',
    summary: "Add an address to the caller's user and email a code to it; answers the method_id",
    body: Body(EmailOtpFields),
    async handler({ ctx, sessionToken }, { body }) {
      const { email_id } = await sendEmailOtp(ctx, { ...body, session_token: sessionToken });
      return { method_id: email_id };
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/otps/authenticate',
    summary: 'Authenticate an email, SMS or WhatsApp one-time code (the SDK sends it as `token`)',
    body: Body({ token: Code, method_id: MethodId, session_duration_minutes: Duration }),
    async handler({ ctx, sessionToken }, { body }) {
      const r = await authenticateOtp(ctx, {
        method_id: body.method_id,
        code: body.token,
        session_duration_minutes: body.session_duration_minutes,
        caller_session_token: sessionToken,
      });
      return sdkLogin(ctx, r);
    },
  }),
  ...sdkPhoneOtpRoutes('sms'),
  ...sdkPhoneOtpRoutes('whatsapp'),
];
