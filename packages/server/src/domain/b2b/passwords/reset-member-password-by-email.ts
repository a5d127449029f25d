import type { ProjectContext } from '../../context.js';
import { oneTimeTokenHash } from '../../email/one-time-token.js';
import { redeemLinkToken } from '../../email/redeem-token.js';
import { ApiError } from '../../errors.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { newFactor } from '../../sessions/session-view.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { checkIntermediateSessionFor, completeMemberLogin, loginIntermediateSession, type MemberLogin, type MemberLoginInput } from '../sessions/complete-member-login.js';
import { clearLockout, newMemberPassword } from './reset-member-password.js';

export interface ResetMemberByEmailInput extends MemberLoginInput {
  password_reset_token: string;
  password: string;
  code_verifier?: string | undefined;
}

const ERRORS = { notFound: 'password_reset_token_not_found', unusable: 'unable_to_auth_password_reset_token' } as const;

/**
 * `POST /v1/b2b/passwords/email/reset`: spends a B2B reset link (PKCE checked first; the new password is
 * checked against the strength policy before the link is spent, so a weak one leaves it usable), sets the
 * password, ends any lockout, marks the email verified (the link proved it) and revokes every session of
 * the member in the same write (Stytch: "a successful password reset by email will revoke all active
 * sessions"). Then a new session with the factor `password`/`knowledge`, or an intermediate session when the
 * organization's MFA policy asks for more. A `session_token`/`session_jwt` sent along names a session the
 * reset has just revoked, so it is ignored (UNVERIFIED). Unknown token -> 404
 * `password_reset_token_not_found`; used or expired -> 401 `unable_to_auth_password_reset_token`.
 */
export async function resetMemberPasswordByEmail(ctx: ProjectContext, input: ResetMemberByEmailInput): Promise<MemberLogin> {
  await enforceRateLimit(ctx, 'b2b.passwords.email.reset');
  checkSessionOptions(input);
  const ist = await loginIntermediateSession(ctx, input);
  const projectId = ctx.project.project_id;
  const t = input.password_reset_token;
  const peek = t.length <= 1024 ? await ctx.stores.oneTimeTokens.byHash(projectId, ['password_reset'], oneTimeTokenHash(ctx, 'password_reset', t)) : null;
  if (!peek || peek.organization_id === null || peek.subject_id === null) throw new ApiError(ERRORS.notFound);
  const [found, organization] = await Promise.all([ctx.stores.members.byId(projectId, peek.subject_id), ctx.stores.organizations.get(projectId, peek.organization_id)]);
  if (!found || found.status === 'deleted' || !organization) throw new ApiError(ERRORS.unusable);
  if (peek.used_at !== null || peek.expires_at <= ctx.clock()) throw new ApiError(ERRORS.unusable);
  checkIntermediateSessionFor(ist, found, organization);
  const password = await newMemberPassword(ctx, found, input.password);
  await redeemLinkToken(ctx, ['password_reset'], t, ERRORS, input.code_verifier);
  const now = ctx.clock();
  const member = await ctx.stores.members.update(projectId, found.member_id, { password, email_address_verified: true, updated_at: now }, { revokeSessionsAt: now });
  if (!member) throw new ApiError(ERRORS.unusable);
  await clearLockout(ctx, member.member_id);
  const { session_token: _t, session_jwt: _j, ...opts } = input;
  return completeMemberLogin(ctx, { member, organization, factor: newFactor('password', 'knowledge', now), verifiesEmail: true, ist }, opts);
}
