import type { ProjectContext } from '../context.js';
import type { RequestAttributes } from '../email/attribute-match.js';
import { EMAIL_OTP, expirationMinutes } from '../email/expiration-minutes.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { isSandboxEmail, sandboxSendResult } from '../sandbox/consumer.js';
import { findOrCreateEmailUser } from '../users/email-user.js';
import { normalizeEmail } from '../validate.js';
import { deliverEmailOtp } from './deliver-email-otp.js';

export interface LoginOrCreateEmailOtpInput {
  email: string;
  expiration_minutes?: number | undefined;
  create_user_as_pending?: boolean | undefined;
  login_template_id?: string | undefined;
  signup_template_id?: string | undefined;
  locale?: string | undefined;
  attributes?: RequestAttributes | undefined;
}

/**
 * `POST /v1/otps/email/login_or_create`: a code (default 2 minutes, 1 to 10) to the address's user, who is
 * created (pending when asked) when there is none.
 */
export async function loginOrCreateEmailOtp(ctx: ProjectContext, input: LoginOrCreateEmailOtpInput) {
  const address = normalizeEmail(input.email);
  if (isSandboxEmail(ctx, address)) return { ...sandboxSendResult(), user_created: false };
  const minutes = expirationMinutes(input.expiration_minutes, EMAIL_OTP);
  await enforceRateLimit(ctx, 'otps.email.login_or_create', address);
  const { user, email, created } = await findOrCreateEmailUser(ctx, address, { create_user_as_pending: input.create_user_as_pending });
  const signup = created || user.status === 'pending';
  await deliverEmailOtp(ctx, { user, email, expiration_minutes: minutes, template_id: signup ? input.signup_template_id : input.login_template_id, locale: input.locale, attributes: input.attributes });
  return { user_id: user.user_id, email_id: email.email_id, user_created: created };
}
