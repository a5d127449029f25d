import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { oneTimeTokenHash } from '../email/one-time-token.js';
import { redeemLinkToken } from '../email/redeem-token.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { issueLoginSession, type LoginSessionOptions } from '../sessions/login-session.js';
import { sessionKeyFrom } from '../sessions/session-key.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionOptions } from '../sessions/start-session.js';
import { confirmEmail, tokenSubject } from '../users/email-user.js';
import { assertStrongPassword, newPasswordRecord } from './password-policy.js';

export interface ResetPasswordByEmailInput extends LoginSessionOptions {
  token: string;
  password: string;
  code_verifier?: string | undefined;
}

const ERRORS = { notFound: 'password_reset_token_not_found', unusable: 'unable_to_auth_password_reset_token' } as const;

/**
 * `POST /v1/passwords/email/reset`: with the token of a reset link (single use, PKCE as magic links), sets
 * the new password (strength policy: `weak_password`, checked before the token is spent), revokes all of the
 * user's sessions, clears the lockout and marks the email verified (a pending user becomes active). A
 * session named by `session_token`/`session_jwt` is kept and gets the factor; otherwise a new one is
 * started with `session_duration_minutes`.
 *
 * Decision: the session factor is `magic_link`/`email` with `email_factor`, the factor Stytch's reference
 * shows for a reset by email (the link proves the address; the new password proves nothing yet), and one
 * that `passwords/session/reset` accepts as recent.
 */
export async function resetPasswordByEmail(ctx: ProjectContext, input: ResetPasswordByEmailInput) {
  checkSessionOptions(input);
  const projectId = ctx.project.project_id;
  await enforceRateLimit(ctx, 'passwords.email.reset');
  const peek = await ctx.stores.oneTimeTokens.byHash(projectId, ['password_reset'], oneTimeTokenHash(ctx, 'password_reset', input.token));
  if (!peek || peek.organization_id !== null) throw new ApiError(ERRORS.notFound);
  assertStrongPassword(input.password, peek.email);
  let keep: string | undefined;
  if (input.session_token || input.session_jwt) {
    const { key } = await sessionKeyFrom(ctx, input);
    const live = await ctx.stores.sessions.getLive(projectId, key, ctx.clock());
    if (!live || live.user_id !== peek.subject_id) throw new ApiError('session_not_found');
    keep = live.session_id;
  }
  // Hash first (the slow part), then spend the token: a failure in between leaves the link usable.
  const password = await newPasswordRecord(ctx, input.password);
  const record = await redeemLinkToken(ctx, ['password_reset'], input.token, ERRORS, input.code_verifier);
  const user = await tokenSubject(ctx, record.subject_id);
  const now = ctx.clock();
  await ctx.stores.users.setPassword(
    projectId,
    user.user_id,
    { ...password, password_id: user.password?.password_id ?? password.password_id },
    { clearLockout: true, revokeSessions: { now, ...(keep ? { except: keep } : {}) } },
  );
  const fresh = await tokenSubject(ctx, user.user_id);
  const confirmed = await confirmEmail(ctx, fresh, record.method_id);
  const factor = newFactor('magic_link', 'email', now, { email_factor: { email_id: record.method_id!, email_address: record.email } });
  const session = await issueLoginSession(ctx, confirmed, factor, { ...input, caller_session_token: undefined });
  return { user: session?.user ?? confirmed, session };
}
