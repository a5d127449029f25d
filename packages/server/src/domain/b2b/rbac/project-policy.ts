import type { OrganizationRecord, RbacPolicy, RbacRole } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { DEFAULT_POLICY, STYTCH_RESOURCES } from './default-policy.js';

/**
 * The project's RBAC policy as `GET /v1/b2b/rbac/policy` serves it: its roles, Stytch's resources followed
 * by its own, its scopes. Tessera's default policy until the project sets one.
 */
export async function projectPolicy(ctx: ProjectContext): Promise<RbacPolicy> {
  const stored = (await ctx.stores.rbacPolicies.get(ctx.project.project_id)) ?? DEFAULT_POLICY;
  return { roles: stored.roles, resources: [...STYTCH_RESOURCES, ...stored.resources], scopes: stored.scopes };
}

/** Every role a member of `org` can hold: the project's, then the organization's custom roles. */
export async function rolesFor(ctx: ProjectContext, org: OrganizationRecord): Promise<RbacRole[]> {
  return [...(await projectPolicy(ctx)).roles, ...org.custom_roles];
}
