import type { OrganizationRecord, RbacPolicy, RbacRole } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { DEFAULT_POLICY, STYTCH_RESOURCES } from './default-policy.js';

/**
 * Where a policy is read from: `store` (the default) for what an operator reads back and for writes that
 * check roles against it; `cache` on the hot paths that only decide (`authorization_check`, the SDK's
 * bootstrap), where a change made by another process on the same SQLite file may take up to 5 seconds to be
 * seen (see `RbacPolicyCache`).
 */
export type PolicySource = 'store' | 'cache';

/**
 * The project's RBAC policy as `GET /v1/b2b/rbac/policy` serves it: its roles, Stytch's resources followed
 * by its own, its scopes. Tessera's default policy until the project sets one.
 */
export async function projectPolicy(ctx: ProjectContext, source: PolicySource = 'store'): Promise<RbacPolicy> {
  const stored = await storedPolicy(ctx, source);
  return { roles: stored.roles, resources: [...STYTCH_RESOURCES, ...stored.resources], scopes: stored.scopes };
}

/**
 * Every role a member of `org` can hold: the project's, then the organization's custom roles. Only the roles
 * are read, so the resource list `projectPolicy` serves is not built on the authorization hot path.
 */
export async function rolesFor(ctx: ProjectContext, org: OrganizationRecord, source: PolicySource = 'store'): Promise<RbacRole[]> {
  return [...(await storedPolicy(ctx, source)).roles, ...org.custom_roles];
}

async function storedPolicy(ctx: ProjectContext, source: PolicySource): Promise<RbacPolicy> {
  const id = ctx.project.project_id;
  return (await (source === 'cache' ? ctx.rbacPolicies.get(id) : ctx.stores.rbacPolicies.get(id))) ?? DEFAULT_POLICY;
}
