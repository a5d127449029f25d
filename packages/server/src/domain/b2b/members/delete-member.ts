import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember } from '../rbac/acting-member.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { getMember } from './get-member.js';

/**
 * `DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}`: the member's status becomes
 * `deleted` (the row stays, for `dangerously_get` with `include_deleted` and for reactivation; its email is
 * free again) and all its sessions are revoked, in one transaction. A member session header needs `delete`
 * on `stytch.member`, or on `stytch.self` for the member itself.
 */
export async function deleteMember(ctx: ProjectContext, organizationRef: string, memberRef: string, creds: MemberSessionCredentials = {}): Promise<string> {
  const organization = await getOrganization(ctx, organizationRef);
  const member = await getMember(ctx, organization, memberRef);
  await authorizeActingMember(ctx, creds, organization, [{ resource_id: 'stytch.member', action: 'delete', onMember: member.member_id }]);
  const now = ctx.clock();
  const deleted = await ctx.stores.members.update(ctx.project.project_id, member.member_id, { status: 'deleted', updated_at: now }, { revokeSessionsAt: now });
  if (!deleted) throw new ApiError('member_not_found');
  return member.member_id;
}
