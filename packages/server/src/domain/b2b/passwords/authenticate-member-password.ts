import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { verifyAgainstDummy } from '../../passwords/password-work.js';
import { verifyPasswordWithLockout } from '../../passwords/verify-password-with-lockout.js';
import { newFactor } from '../../sessions/session-view.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { normalizeEmail } from '../../validate.js';
import { getOrganization } from '../organizations/get-organization.js';
import { checkIntermediateSessionFor, completeMemberLogin, loginIntermediateSession } from '../sessions/complete-member-login.js';
import type { MemberSessionOptions } from '../sessions/start-member-session.js';

export interface AuthenticateMemberPasswordInput extends MemberSessionOptions {
  organization_id: string;
  email_address: string;
  password: string;
  intermediate_session_token?: string | undefined;
}

/**
 * `POST /v1/b2b/passwords/authenticate`: the member of the organization with that email and password.
 * Unknown member -> 404 `member_not_found` (UNVERIFIED), after the same hashing work as a wrong password
 * (so the two take the same time); no password -> `member_password_not_found`; a password flagged for
 * reset -> `member_reset_password`; wrong passwords count towards the lockout, as for users. An organization that restricts its auth methods without `password` refuses it (breakglass members
 * excepted). Success answers `member_authenticated: true`, an empty `intermediate_session_token` and a
 * session (60 minutes unless told otherwise), or, when the MFA policy applies, an intermediate session. An
 * `intermediate_session_token` adds its factors (see complete-member-login.ts).
 */
export async function authenticateMemberPassword(ctx: ProjectContext, input: AuthenticateMemberPasswordInput) {
  const email = normalizeEmail(input.email_address);
  checkSessionOptions(input);
  // Refused before the password is checked: a failed request writes nothing (not even a hash upgrade).
  const ist = await loginIntermediateSession(ctx, input);
  const organization = await getOrganization(ctx, input.organization_id);
  const member = await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, email);
  if (!member) {
    await verifyAgainstDummy(ctx, input.password);
    throw new ApiError('member_not_found');
  }
  const s = organization.settings;
  if (s.auth_methods === 'RESTRICTED' && !s.allowed_auth_methods.includes('password') && !member.is_breakglass) {
    throw new ApiError('operation_restricted_by_organization_auth_methods');
  }
  checkIntermediateSessionFor(ist, member, organization);
  await verifyPasswordWithLockout(ctx, ctx.stores.members, { ...member, id: member.member_id }, input.password, 'member_password_not_found');
  if (member.password!.requires_reset) throw new ApiError('member_reset_password');
  const factor = newFactor('password', 'knowledge', ctx.clock());
  return completeMemberLogin(ctx, { member, organization, factor, verifiesEmail: false, ist }, input);
}
