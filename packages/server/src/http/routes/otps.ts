import { Type } from 'typebox';
import { authenticateOtp } from '../../domain/otps/authenticate-otp.js';
import type { PhoneChannel } from '../../domain/otps/deliver-phone-otp.js';
import { loginOrCreateEmailOtp } from '../../domain/otps/login-or-create-email-otp.js';
import { loginOrCreatePhoneOtp } from '../../domain/otps/login-or-create-phone-otp.js';
import { sendEmailOtp } from '../../domain/otps/send-email-otp.js';
import { sendPhoneOtp } from '../../domain/otps/send-phone-otp.js';
import { Body, Email, SessionFields, Str } from '../schema.js';
import { secretRoute } from '../route.js';
import { Attributes, Locale, MatchOptions, TemplateId } from './email-fields.js';
import { loginResponse } from './session-fields.js';

export const OtpMinutes = Type.Optional(Type.Integer({ errorType: 'invalid_expiration_minutes' }));
export const EmailOtpFields = {
  email: Email(),
  expiration_minutes: OtpMinutes,
  login_template_id: TemplateId,
  signup_template_id: TemplateId,
  locale: Locale,
  attributes: Attributes,
};
/** SMS and WhatsApp code requests (backend and /sdk/v1): the number in E.164. */
export const PhoneOtpFields = {
  phone_number: Str({ maxLength: 64, errorType: 'invalid_phone_number' }),
  expiration_minutes: OtpMinutes,
  locale: Locale,
  attributes: Attributes,
};
export const MethodId = Str({ maxLength: 256, errorType: 'invalid_method_id' });
export const Code = Str({ maxLength: 64, errorType: 'invalid_code' });

const CHANNEL_NAME: Record<PhoneChannel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

/**
 * `otps/{sms,whatsapp}/login_or_create` and `/send`. Tessera has no SMS or WhatsApp provider: on test
 * projects the code goes to the local outbox; live projects get 400 `sms_delivery_not_configured`.
 */
const phoneOtpRoutes = (channel: PhoneChannel) => [
  secretRoute({
    method: 'POST',
    url: `/v1/otps/${channel}/login_or_create`,
    summary: `${CHANNEL_NAME[channel]} a one-time code to the number, creating the user when there is none (test projects: local outbox)`,
    body: Body({ ...PhoneOtpFields, create_user_as_pending: Type.Optional(Type.Boolean()) }),
    async handler(ctx, { body }) {
      return loginOrCreatePhoneOtp(ctx, channel, body);
    },
  }),
  secretRoute({
    method: 'POST',
    url: `/v1/otps/${channel}/send`,
    summary: `${CHANNEL_NAME[channel]} a one-time code to an existing user; with user_id or a session, add the number to that user first (test projects: local outbox)`,
    body: Body({
      ...PhoneOtpFields,
      user_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_user_id' })),
      session_token: SessionFields.session_token,
      session_jwt: SessionFields.session_jwt,
    }),
    async handler(ctx, { body }) {
      return sendPhoneOtp(ctx, channel, body);
    },
  }),
];

export const otpRoutes = [
  ...phoneOtpRoutes('sms'),
  ...phoneOtpRoutes('whatsapp'),
  secretRoute({
    method: 'POST',
    url: '/v1/otps/email/login_or_create',
    summary: 'Email a one-time code to the address, creating the user when there is none',
    body: Body({ ...EmailOtpFields, create_user_as_pending: Type.Optional(Type.Boolean()) }),
    async handler(ctx, { body }) {
      return loginOrCreateEmailOtp(ctx, body);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/otps/email/send',
    summary: "Email a one-time code to an existing user; with user_id or a session, add the address to that user first",
    body: Body({
      ...EmailOtpFields,
      user_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_user_id' })),
      session_token: SessionFields.session_token,
      session_jwt: SessionFields.session_jwt,
    }),
    async handler(ctx, { body }) {
      return sendEmailOtp(ctx, body);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/otps/authenticate',
    summary: 'Authenticate an email, SMS or WhatsApp one-time code (6 digits; 5 wrong codes end it; wrong codes count toward the lockout)',
    body: Body({ method_id: MethodId, code: Code, attributes: Attributes, options: MatchOptions, ...SessionFields }),
    async handler(ctx, { body }) {
      const { user, session, method_id } = await authenticateOtp(ctx, body);
      return { method_id, reset_sessions: false, ...loginResponse(ctx, user, session) };
    },
  }),
];
