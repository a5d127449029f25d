import type { ProjectContext } from '../../context.js';
import { redeemOtpCode } from '../../email/redeem-token.js';
import { ApiError } from '../../errors.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { attemptWithLockout } from '../../passwords/verify-password-with-lockout.js';
import { newFactor } from '../../sessions/session-view.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { normalizeEmail } from '../../validate.js';
import { checkAuthMethod, memberEmailId } from '../members/email-login-member.js';
import { getOrganization } from '../organizations/get-organization.js';
import { checkIntermediateSessionFor, completeMemberLogin, loginIntermediateSession, type MemberLogin, type MemberLoginInput } from '../sessions/complete-member-login.js';

export interface AuthenticateEmailOtpInput extends MemberLoginInput {
  organization_id: string;
  email_address: string;
  code: string;
}

/**
 * `POST /v1/b2b/otps/email/authenticate`: checks the member's live code under the member's lockout (each
 * wrong code counts, as a wrong password does; a code also stops working after 5 wrong tries) and logs the
 * member in with the factor `email_otp`/`email`, as the magic link authenticate does. Not a 6-digit code ->
 * 400 `invalid_code`; unknown member -> 404 `member_not_found`; no live code -> 404 `otp_code_not_found`;
 * wrong code -> 401 `unable_to_auth_otp_code` (or `user_lock_limit_reached` once locked).
 */
export async function authenticateEmailOtp(ctx: ProjectContext, input: AuthenticateEmailOtpInput): Promise<MemberLogin & { method_id: string }> {
  const email = normalizeEmail(input.email_address);
  if (!/^\d{6}$/.test(input.code)) throw new ApiError('invalid_code');
  checkSessionOptions(input);
  const ist = await loginIntermediateSession(ctx, input);
  const organization = await getOrganization(ctx, input.organization_id);
  const member = await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, email);
  if (!member) throw new ApiError('member_not_found');
  const method_id = memberEmailId(member);
  await enforceRateLimit(ctx, 'b2b.otps.email.authenticate', method_id);
  checkAuthMethod(organization, 'email_otp', member);
  checkIntermediateSessionFor(ist, member, organization);
  await attemptWithLockout(
    ctx,
    ctx.stores.members,
    { ...member, id: member.member_id },
    async () => {
      try {
        await redeemOtpCode(ctx, method_id, input.code);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.type === 'unable_to_auth_otp_code') return false;
        throw e;
      }
    },
    'unable_to_auth_otp_code',
  );
  const factor = newFactor('email_otp', 'email', ctx.clock(), { email_factor: { email_id: method_id, email_address: member.email_address } });
  const login = await completeMemberLogin(ctx, { member, organization, factor, verifiesEmail: true, ist }, input);
  return { ...login, method_id };
}
