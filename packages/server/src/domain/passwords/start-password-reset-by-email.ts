import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { expirationMinutes, RESET_LINK } from '../email/expiration-minutes.js';
import { issueLinkToken } from '../email/issue-token.js';
import { linkWithToken, redirectUrl, type Caller } from '../email/redirect-url.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { enqueueMail } from '../mail/enqueue-mail.js';
import { emailRecordOf } from '../users/email-user.js';
import { normalizeEmail } from '../validate.js';

export interface StartPasswordResetInput {
  email: string;
  reset_password_redirect_url?: string | undefined;
  reset_password_expiration_minutes?: number | undefined;
  reset_password_template_id?: string | undefined;
  code_challenge?: string | undefined;
  locale?: string | undefined;
}

/**
 * `POST /v1/passwords/email/reset/start`: mails a reset link (`stytch_token_type=reset_password`, default
 * 30 minutes, 5 to 10080) to the address's user; unknown address -> 404 `email_not_found`. The limit is
 * counted before the lookup, so probing addresses is rate limited too.
 */
export async function startPasswordResetByEmail(ctx: ProjectContext, input: StartPasswordResetInput, caller: Caller) {
  const address = normalizeEmail(input.email);
  const minutes = expirationMinutes(input.reset_password_expiration_minutes, RESET_LINK);
  const url = await redirectUrl(ctx, 'reset', input.reset_password_redirect_url, caller);
  await enforceRateLimit(ctx, 'passwords.email.reset.start', address);
  const user = await ctx.stores.users.byEmail(ctx.project.project_id, address);
  if (!user) throw new ApiError('email_not_found');
  const email = emailRecordOf(user, address);
  const token = await issueLinkToken(ctx, {
    purpose: 'password_reset',
    method_id: email.email_id,
    subject_id: user.user_id,
    email: address,
    data: { vertical: 'consumer' },
    ...(input.code_challenge ? { code_challenge: input.code_challenge } : {}),
    expiration_minutes: minutes,
  });
  await enqueueMail(ctx, {
    kind: 'password_reset',
    to: address,
    link: linkWithToken(url, 'reset_password', token),
    expiration_minutes: minutes,
    ...(input.reset_password_template_id ? { template_id: input.reset_password_template_id } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    vertical: 'consumer',
  });
  return { user_id: user.user_id, email_id: email.email_id };
}
