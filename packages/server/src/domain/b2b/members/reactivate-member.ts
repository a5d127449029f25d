import { B2BConflictError } from '../../../store/b2b-stores.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { b2bConflictToApiError } from '../conflict.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember } from '../rbac/acting-member.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { getMember } from './get-member.js';

/**
 * `PUT /v1/b2b/organizations/{organization_id}/members/{member_id}/reactivate`: a deleted member becomes
 * `active` again, unless its email now belongs to another member. Stytch also requires a verified email;
 * Tessera has no B2B email verification flow yet, so it does not (DECISION: it would make the endpoint
 * unusable). A member session header needs `create` on `stytch.member`, as Stytch documents.
 */
export async function reactivateMember(ctx: ProjectContext, organizationRef: string, memberId: string, creds: MemberSessionCredentials = {}) {
  const organization = await getOrganization(ctx, organizationRef);
  await authorizeActingMember(ctx, creds, organization, [{ resource_id: 'stytch.member', action: 'create' }]);
  const member = await getMember(ctx, organization, memberId, { includeDeleted: true });
  if (member.status !== 'deleted') throw new ApiError('no_deleted_member_found_for_reactivation');
  if (await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, member.email_address)) {
    throw new ApiError('reactivation_email_belongs_to_another_member');
  }
  const updated = await ctx.stores.members
    .update(ctx.project.project_id, member.member_id, { status: 'active', updated_at: ctx.clock() })
    // A member that took the email since the check above (a race) is refused the same way.
    .catch((err: unknown) => {
      if (err instanceof B2BConflictError && err.field === 'member_email') throw new ApiError('reactivation_email_belongs_to_another_member');
      return b2bConflictToApiError(err);
    });
  if (!updated) throw new ApiError('member_not_found');
  return { member: updated, organization };
}
