import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { memberRoleIds } from '../members/member-roles.js';
import { grantingRoles } from './granting-roles.js';
import { rolesFor } from './project-policy.js';

/** What an action needs: an action on a Stytch or custom resource. */
export interface Permission {
  resource_id: string;
  action: string;
}

/**
 * Whether `member` may do `permission` in `organization`, which must be the member's own (else 403
 * `session_authorization_tenancy_error`, whatever the roles). Returns the roles that grant it; none ->
 * 403 `session_authorization_error`. `selfFallback`: the action concerns the member itself, so the same
 * action on `stytch.self` grants it too (Stytch's rule for member updates, deletes and session revokes).
 * The project's policy comes from its cache (`RbacPolicyCache`): a decision, read on every such call.
 */
export async function authorizeMember(
  ctx: ProjectContext,
  member: MemberRecord,
  organization: OrganizationRecord,
  permission: Permission,
  selfFallback = false,
): Promise<string[]> {
  if (member.organization_id !== organization.organization_id) {
    throw new ApiError('session_authorization_tenancy_error', `The Member belongs to organization ${member.organization_id}, not ${organization.organization_id}.`);
  }
  const roles = await rolesFor(ctx, organization, 'cache');
  const held = memberRoleIds(member, organization);
  const granting = grantingRoles(roles, held, permission.resource_id, permission.action);
  if (granting.length === 0 && selfFallback) granting.push(...grantingRoles(roles, held, 'stytch.self', permission.action));
  if (granting.length === 0) {
    throw new ApiError('session_authorization_error', `The Member is not authorized to perform ${permission.action} on ${permission.resource_id.slice(0, 128)}.`);
  }
  return granting;
}
