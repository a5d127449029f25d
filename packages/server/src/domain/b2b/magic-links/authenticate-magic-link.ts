import type { ProjectContext } from '../../context.js';
import { oneTimeTokenHash } from '../../email/one-time-token.js';
import { redeemLinkToken } from '../../email/redeem-token.js';
import { ApiError } from '../../errors.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { newFactor } from '../../sessions/session-view.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { checkAuthMethod, memberEmailId } from '../members/email-login-member.js';
import { checkIntermediateSessionFor, completeMemberLogin, loginIntermediateSession, type MemberLogin, type MemberLoginInput } from '../sessions/complete-member-login.js';

export interface AuthenticateMagicLinkInput extends MemberLoginInput {
  magic_links_token: string;
  pkce_code_verifier?: string | undefined;
}

const ERRORS = { notFound: 'magic_link_not_found', unusable: 'unable_to_auth_magic_link' } as const;

/**
 * `POST /v1/b2b/magic_links/authenticate`: spends a B2B login, signup or invite link (PKCE checked before
 * the token is spent) and logs its member in: the email becomes verified, a pending or invited member
 * active with its session; the factor is `magic_link`/`email`. The organization's MFA policy or allowed
 * methods may ask for more: then `member_authenticated: false` and an intermediate session (see
 * complete-member-login.ts). Unknown token (or a consumer one) -> 404 `magic_link_not_found`; used,
 * expired, or its member since deleted -> 401 `unable_to_auth_magic_link`; an organization that no longer
 * allows magic links -> 403 `operation_restricted_by_organization_auth_methods` (the link stays unspent).
 */
export async function authenticateMagicLink(ctx: ProjectContext, input: AuthenticateMagicLinkInput): Promise<MemberLogin & { method_id: string }> {
  await enforceRateLimit(ctx, 'b2b.magic_links.authenticate');
  checkSessionOptions(input);
  const ist = await loginIntermediateSession(ctx, input);
  const projectId = ctx.project.project_id;
  const token = input.magic_links_token;
  const peek = token.length <= 1024 ? await ctx.stores.oneTimeTokens.byHash(projectId, ['magic_link'], oneTimeTokenHash(ctx, 'magic_link', token)) : null;
  // Consumer links share the purpose; a B2B link always names its organization.
  if (!peek || peek.organization_id === null || peek.subject_id === null) throw new ApiError(ERRORS.notFound);
  const [member, organization] = await Promise.all([
    ctx.stores.members.byId(projectId, peek.subject_id),
    ctx.stores.organizations.get(projectId, peek.organization_id),
  ]);
  if (!member || member.status === 'deleted' || !organization) throw new ApiError(ERRORS.unusable);
  if (peek.used_at === null && peek.expires_at > ctx.clock()) {
    checkAuthMethod(organization, 'magic_link', member);
    checkIntermediateSessionFor(ist, member, organization);
  }
  await redeemLinkToken(ctx, ['magic_link'], token, ERRORS, input.pkce_code_verifier);
  const method_id = memberEmailId(member);
  const factor = newFactor('magic_link', 'email', ctx.clock(), { email_factor: { email_id: method_id, email_address: member.email_address } });
  const login = await completeMemberLogin(ctx, { member, organization, factor, verifiesEmail: true, ist }, input);
  return { ...login, method_id };
}
