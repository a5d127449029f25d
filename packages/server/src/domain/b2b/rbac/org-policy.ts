import type { RbacRole } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { getOrganization } from '../organizations/get-organization.js';
import { projectPolicy } from './project-policy.js';
import { resourceActions, validateRoles } from './validate-policy.js';

/** `GET /v1/b2b/rbac/organizations/{organization_id}`: the organization's custom roles. */
export async function getOrgPolicy(ctx: ProjectContext, organizationRef: string): Promise<{ roles: RbacRole[] }> {
  return { roles: (await getOrganization(ctx, organizationRef)).custom_roles };
}

/**
 * `PUT /v1/b2b/rbac/organizations/{organization_id}`: replaces the organization's custom roles. They may
 * grant actions on the project's resources; their ids may not be the project's role ids nor `stytch_`.
 */
export async function setOrgPolicy(ctx: ProjectContext, organizationRef: string, orgPolicy: unknown): Promise<{ roles: RbacRole[] }> {
  const org = await getOrganization(ctx, organizationRef);
  if (orgPolicy === null || typeof orgPolicy !== 'object' || Array.isArray(orgPolicy)) throw new ApiError('invalid_argument', 'org_policy must be an object with a roles list.');
  const policy = await projectPolicy(ctx);
  const taken = new Set(policy.roles.map((r) => r.role_id));
  const roles = validateRoles((orgPolicy as { roles?: unknown }).roles, 'org_policy.roles', resourceActions(policy.resources), 'organization', taken);
  const updated = await ctx.stores.organizations.update(ctx.project.project_id, org.organization_id, { custom_roles: roles, updated_at: ctx.clock() });
  if (!updated) throw new ApiError('organization_not_found');
  return { roles: updated.custom_roles };
}
