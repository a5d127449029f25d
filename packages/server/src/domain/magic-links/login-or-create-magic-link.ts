import type { ProjectContext } from '../context.js';
import type { RequestAttributes } from '../email/attribute-match.js';
import { expirationMinutes, LOGIN_LINK, SIGNUP_LINK } from '../email/expiration-minutes.js';
import { redirectUrl, type Caller } from '../email/redirect-url.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { isSandboxEmail, sandboxSendResult } from '../sandbox/consumer.js';
import { emailRecordOf, findOrCreateEmailUser } from '../users/email-user.js';
import { normalizeEmail } from '../validate.js';
import { deliverMagicLink } from './deliver-magic-link.js';

/** What `login_or_create` and `send` share: the address, where each kind of link goes, expiries, templates. */
export interface MagicLinkEmailOptions {
  email: string;
  login_magic_link_url?: string | undefined;
  signup_magic_link_url?: string | undefined;
  login_expiration_minutes?: number | undefined;
  signup_expiration_minutes?: number | undefined;
  login_template_id?: string | undefined;
  signup_template_id?: string | undefined;
  code_challenge?: string | undefined;
  locale?: string | undefined;
  attributes?: RequestAttributes | undefined;
}

export interface LoginOrCreateMagicLinkInput extends MagicLinkEmailOptions {
  create_user_as_pending?: boolean | undefined;
}

/**
 * `POST /v1/magic_links/email/login_or_create`: an unknown address gets a new user (pending when asked)
 * and a signup link (default one week); a pending user also gets a signup link; an active user a login
 * link (default 60 minutes). Every input is checked before anything is written.
 */
export async function loginOrCreateMagicLink(ctx: ProjectContext, input: LoginOrCreateMagicLinkInput, caller: Caller) {
  const address = normalizeEmail(input.email);
  if (isSandboxEmail(ctx, address)) return { ...sandboxSendResult(), user_created: false };
  const loginMinutes = expirationMinutes(input.login_expiration_minutes, LOGIN_LINK);
  const signupMinutes = expirationMinutes(input.signup_expiration_minutes, SIGNUP_LINK);
  const existing = await ctx.stores.users.byEmail(ctx.project.project_id, address);
  const signup = !existing || existing.status === 'pending';
  const url = signup
    ? await redirectUrl(ctx, 'signup', input.signup_magic_link_url, caller)
    : await redirectUrl(ctx, 'login', input.login_magic_link_url, caller);
  await enforceRateLimit(ctx, 'magic_links.email.login_or_create', address);
  const found = existing
    ? { user: existing, email: emailRecordOf(existing, address), created: false }
    : await findOrCreateEmailUser(ctx, address, { create_user_as_pending: input.create_user_as_pending });
  await deliverMagicLink(ctx, {
    user: found.user,
    email: found.email,
    type: signup ? 'signup' : 'login',
    url,
    expiration_minutes: signup ? signupMinutes : loginMinutes,
    code_challenge: input.code_challenge,
    template_id: signup ? input.signup_template_id : input.login_template_id,
    locale: input.locale,
    attributes: input.attributes,
  });
  return { user_id: found.user.user_id, email_id: found.email.email_id, user_created: found.created };
}
