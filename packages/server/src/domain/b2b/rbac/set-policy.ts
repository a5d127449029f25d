import type { RbacPolicy } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { projectPolicy } from './project-policy.js';
import { validatePolicy } from './validate-policy.js';

/**
 * Replaces the project's RBAC policy (`PUT /v1/b2b/rbac/policy`, `tessera rbac set`) after validating all of
 * it: a bad policy is refused whole and the current one stays. Returns the policy as GET now serves it.
 */
export async function setRbacPolicy(ctx: ProjectContext, input: unknown): Promise<RbacPolicy> {
  const policy = validatePolicy(input);
  await ctx.stores.rbacPolicies.set(ctx.project.project_id, policy, ctx.clock());
  ctx.rbacPolicies.invalidate(ctx.project.project_id);
  return projectPolicy(ctx);
}
