/**
 * RBAC checks made in the browser, as the official SDK makes them: the subject's roles against the
 * project's policy (from `GET /sdk/v1/projects/bootstrap/{public_token}`), plus, in B2B, the roles of the
 * member's organization. `*` in a permission's actions grants every action on that resource.
 *
 * @module
 */

export interface PolicyPermission {
  resource_id: string;
  actions: string[];
}

export interface PolicyRole {
  role_id: string;
  description: string;
  permissions: PolicyPermission[];
}

export interface PolicyResource {
  resource_id: string;
  description: string;
  actions: string[];
}

export interface Policy {
  roles: PolicyRole[];
  resources: PolicyResource[];
  scopes?: unknown[];
}

/** Whether one of `subjectRoles`, defined in `roles`, may perform `action` on `resourceId`. */
export function isAuthorizedBy(roles: readonly PolicyRole[], subjectRoles: readonly string[], resourceId: string, action: string): boolean {
  const held = new Set(subjectRoles);
  return roles.some(
    (role) => held.has(role.role_id) && role.permissions.some((p) => p.resource_id === resourceId && (p.actions.includes('*') || p.actions.includes(action))),
  );
}

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
