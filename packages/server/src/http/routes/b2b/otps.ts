import { authenticateEmailOtp } from '../../../domain/b2b/otps/authenticate-email-otp.js';
import { otpLoginOrSignup } from '../../../domain/b2b/otps/otp-login-or-signup.js';
import { Body, Email, SessionFields } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { Code, Ist, Locale, Minutes, OrganizationId, TemplateId } from './passwordless-schema.js';
import { emailLoginResponse, loginOrSignupResponse } from './passwordless-responses.js';

export const OtpLoginOrSignupBody = Body({
  organization_id: OrganizationId(),
  email_address: Email(),
  login_template_id: TemplateId(),
  signup_template_id: TemplateId(),
  locale: Locale(),
  login_expiration_minutes: Minutes(),
  signup_expiration_minutes: Minutes(),
});

export const OtpAuthenticateBody = Body({
  organization_id: OrganizationId(),
  email_address: Email(),
  code: Code(),
  ...SessionFields,
  intermediate_session_token: Ist(),
  locale: Locale(),
});

export const b2bOtpRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/otps/email/login_or_signup',
    summary: 'Send a member a 6-digit email code (10 minutes unless told otherwise); JIT-provisions by email domain where allowed',
    body: OtpLoginOrSignupBody,
    async handler(ctx, { body }) {
      return loginOrSignupResponse(ctx, await otpLoginOrSignup(ctx, body, 'backend'));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/otps/email/authenticate',
    summary: "Authenticate a member's email code (wrong codes count towards the member lockout)",
    body: OtpAuthenticateBody,
    async handler(ctx, { body }) {
      return emailLoginResponse(ctx, await authenticateEmailOtp(ctx, body));
    },
  }),
];
