import type { ProjectContext } from '../context.js';
import { expirationMinutes, LOGIN_LINK, SIGNUP_LINK } from '../email/expiration-minutes.js';
import { redirectUrl, type Caller } from '../email/redirect-url.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { isSandboxEmail, sandboxSendResult } from '../sandbox/consumer.js';
import { addEmailToUser } from '../users/email-user.js';
import { normalizeEmail } from '../validate.js';
import { deliverMagicLink } from './deliver-magic-link.js';
import { sendRecipient, type SendTarget } from './email-recipient.js';
import type { MagicLinkEmailOptions } from './login-or-create-magic-link.js';

export interface SendMagicLinkInput extends SendTarget, MagicLinkEmailOptions {}

/**
 * `POST /v1/magic_links/email/send`: a login link to an existing user's address (a signup link when the
 * user is still pending); unknown address -> 404 `email_not_found`. With `user_id`, `session_token` or
 * `session_jwt`, the address is added (unverified) to that user first, as Stytch does, and becomes verified
 * when the link is used; an address of another user -> 400 `duplicate_email`.
 */
export async function sendMagicLink(ctx: ProjectContext, input: SendMagicLinkInput, caller: Caller) {
  const address = normalizeEmail(input.email);
  if (isSandboxEmail(ctx, address)) return sandboxSendResult();
  const loginMinutes = expirationMinutes(input.login_expiration_minutes, LOGIN_LINK);
  const signupMinutes = expirationMinutes(input.signup_expiration_minutes, SIGNUP_LINK);
  const recipient = await sendRecipient(ctx, address, input);
  const signup = recipient.user.status === 'pending';
  const url = signup
    ? await redirectUrl(ctx, 'signup', input.signup_magic_link_url, caller)
    : await redirectUrl(ctx, 'login', input.login_magic_link_url, caller);
  await enforceRateLimit(ctx, 'magic_links.email.send', address);
  const { user, email } = recipient.email ? { user: recipient.user, email: recipient.email } : await addEmailToUser(ctx, recipient.user, address);
  await deliverMagicLink(ctx, {
    user,
    email,
    type: signup ? 'signup' : 'login',
    url,
    expiration_minutes: signup ? signupMinutes : loginMinutes,
    code_challenge: input.code_challenge,
    template_id: signup ? input.signup_template_id : input.login_template_id,
    locale: input.locale,
    attributes: input.attributes,
  });
  return { user_id: user.user_id, email_id: email.email_id };
}
