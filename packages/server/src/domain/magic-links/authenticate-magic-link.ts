import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { checkAttributeMatch, type AttributeOptions } from '../email/attribute-match.js';
import { oneTimeTokenHash } from '../email/one-time-token.js';
import { redeemLinkToken } from '../email/redeem-token.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { SANDBOX_EMAIL_ID, sandboxMagicLink } from '../sandbox/consumer.js';
import { checkTargetSession, issueLoginSession, type LoginSessionOptions } from '../sessions/login-session.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionOptions } from '../sessions/start-session.js';
import { confirmEmail, tokenSubject } from '../users/email-user.js';

export interface AuthenticateMagicLinkInput extends LoginSessionOptions {
  token: string;
  code_verifier?: string | undefined;
  options?: AttributeOptions | undefined;
}

/**
 * `POST /v1/magic_links/authenticate`: spends the token once (PKCE checked first), marks the email verified
 * and a pending user active, then answers with a session as `issueSession` decides (a new one with
 * `session_duration_minutes`, the factor added to the session named by `session_token`/`session_jwt`, or
 * none). Factor: `magic_link`/`email` with `email_factor`, or `magic_link`/`embedded` for an embeddable
 * link. `method_id` is the email_id (the embedded id for an embeddable link).
 */
export async function authenticateMagicLink(ctx: ProjectContext, input: AuthenticateMagicLinkInput) {
  checkSessionOptions(input);
  const sandbox = await sandboxMagicLink(ctx, input.token, input);
  if (sandbox) return { ...sandbox, method_id: SANDBOX_EMAIL_ID };
  await enforceRateLimit(ctx, 'magic_links.authenticate');
  await checkTargetSession(ctx, input);
  const errors = { notFound: 'magic_link_not_found', unusable: 'unable_to_auth_magic_link' } as const;
  const peek = await ctx.stores.oneTimeTokens.byHash(ctx.project.project_id, ['magic_link'], oneTimeTokenHash(ctx, 'magic_link', input.token));
  // A B2B link (same purpose) is not a consumer login, and must not be spent by trying it as one.
  if (!peek || peek.organization_id !== null || peek.data.vertical === 'b2b') throw new ApiError(errors.notFound);
  if (input.options) checkAttributeMatch(peek.data, input.options, input.attributes);
  const record = await redeemLinkToken(ctx, ['magic_link'], input.token, errors, input.code_verifier);
  const user = await tokenSubject(ctx, record.subject_id);
  const now = ctx.clock();
  const embedded = record.data.link_type === 'embedded';
  const emailId = embedded ? null : record.method_id;
  if (emailId && !user.emails.some((e) => e.email_id === emailId)) throw new ApiError(errors.unusable); // the address was removed since
  const confirmed = await confirmEmail(ctx, user, emailId);
  const factor = embedded
    ? newFactor('magic_link', 'embedded', now, { embeddable_magic_link_factor: { embedded_id: record.token_id } })
    : newFactor('magic_link', 'email', now, { email_factor: { email_id: emailId!, email_address: record.email } });
  const session = await issueLoginSession(ctx, confirmed, factor, input);
  return { user: session?.user ?? confirmed, session, method_id: emailId ?? record.token_id };
}
