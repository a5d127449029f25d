import { Type } from 'typebox';
import { authenticateOtp } from '../../domain/otps/authenticate-otp.js';
import { loginOrCreateEmailOtp } from '../../domain/otps/login-or-create-email-otp.js';
import { sendEmailOtp } from '../../domain/otps/send-email-otp.js';
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
export const MethodId = Str({ maxLength: 256, errorType: 'invalid_method_id' });
export const Code = Str({ maxLength: 64, errorType: 'invalid_code' });

export const otpRoutes = [
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
    summary: 'Authenticate an email one-time code (6 digits; 5 wrong codes end it; wrong codes count toward the lockout)',
    body: Body({ method_id: MethodId, code: Code, attributes: Attributes, options: MatchOptions, ...SessionFields }),
    async handler(ctx, { body }) {
      const { user, session, method_id } = await authenticateOtp(ctx, body);
      return { method_id, reset_sessions: false, ...loginResponse(ctx, user, session) };
    },
  }),
];
