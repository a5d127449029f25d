import type { ProjectContext } from '../context.js';
import type { RequestAttributes } from '../email/attribute-match.js';
import { EMAIL_OTP, expirationMinutes } from '../email/expiration-minutes.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { sendRecipient, type SendTarget } from '../magic-links/email-recipient.js';
import { isSandboxEmail, sandboxSendResult } from '../sandbox/consumer.js';
import { addEmailToUser } from '../users/email-user.js';
import { normalizeEmail } from '../validate.js';
import { deliverEmailOtp } from './deliver-email-otp.js';

export interface SendEmailOtpInput extends SendTarget {
  email: string;
  expiration_minutes?: number | undefined;
  login_template_id?: string | undefined;
  signup_template_id?: string | undefined;
  locale?: string | undefined;
  attributes?: RequestAttributes | undefined;
}

/**
 * `POST /v1/otps/email/send`: a code to an existing user's address (404 `email_not_found` otherwise); with
 * `user_id`/`session_token`/`session_jwt` the address is added, unverified, to that user first (verified
 * when the code is used), as with magic links.
 */
export async function sendEmailOtp(ctx: ProjectContext, input: SendEmailOtpInput) {
  const address = normalizeEmail(input.email);
  if (isSandboxEmail(ctx, address)) return sandboxSendResult();
  const minutes = expirationMinutes(input.expiration_minutes, EMAIL_OTP);
  const recipient = await sendRecipient(ctx, address, input);
  await enforceRateLimit(ctx, 'otps.email.send', address);
  const { user, email } = recipient.email ? { user: recipient.user, email: recipient.email } : await addEmailToUser(ctx, recipient.user, address);
  const signup = user.status === 'pending';
  await deliverEmailOtp(ctx, { user, email, expiration_minutes: minutes, template_id: signup ? input.signup_template_id : input.login_template_id, locale: input.locale, attributes: input.attributes });
  return { user_id: user.user_id, email_id: email.email_id };
}
