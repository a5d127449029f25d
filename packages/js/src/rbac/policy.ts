/**
 * RBAC checks made in the browser, as the official SDK makes them: the subject's roles against the
 * project's policy (from `GET /sdk/v1/projects/bootstrap/{public_token}`), plus, in B2B, the roles of the
 * member's organization. `*` in a permission's actions grants every action on that resource.
 *
 * @module
 */

import { isAuthorizedBy, type Policy, type PolicyRole } from '@tessera/core';

export { isAuthorizedBy };
export type { Policy, PolicyPermission, PolicyResource, PolicyRole } from '@tessera/core';

/** Every action of every resource, with whether the subject may perform it (`allPermissions()`). */
export function permissionsOf(policy: Policy, roles: readonly PolicyRole[], subjectRoles: readonly string[]): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const r of policy.resources) {
    const actions: Record<string, boolean> = {};
    for (const a of r.actions) actions[a] = isAuthorizedBy(roles, subjectRoles, r.resource_id, a);
    out[r.resource_id] = actions;
  }
  return out;
}
