import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { authorizeActingMember } from '../rbac/acting-member.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { getOrganization } from './get-organization.js';

/**
 * `DELETE /v1/b2b/organizations/{organization_id}`: the organization, its members and their sessions go in
 * one transaction. A member session header needs `delete` on `stytch.organization`.
 */
export async function deleteOrganization(ctx: ProjectContext, ref: string, creds: MemberSessionCredentials = {}): Promise<string> {
  const org = await getOrganization(ctx, ref);
  await authorizeActingMember(ctx, creds, org, [{ resource_id: 'stytch.organization', action: 'delete' }]);
  if (!(await ctx.stores.organizations.delete(ctx.project.project_id, org.organization_id, ctx.clock()))) throw new ApiError('organization_not_found');
  return org.organization_id;
}
