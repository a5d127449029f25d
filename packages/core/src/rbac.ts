/**
 * The RBAC policy as the API serves it (`GET /v1/rbac/policy`, `/v1/b2b/rbac/policy`, and the bootstrap
 * of the frontend API), and the one rule every local check applies: a subject may perform `action` on a
 * resource when one of its roles grants that action, or `*`, on it. `@tessera/node` and `@tessera/js`
 * both check with it, as the official SDKs do.
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

/** An OAuth scope of the policy (connected apps, M2M) and what it grants. */
export interface PolicyScope {
  scope: string;
  description: string;
  permissions: PolicyPermission[];
}

export interface Policy {
  roles: PolicyRole[];
  resources: PolicyResource[];
  scopes?: PolicyScope[];
}

/** Whether one of `subjectRoles`, defined in `roles`, may perform `action` on `resourceId`. */
export function isAuthorizedBy(roles: readonly PolicyRole[], subjectRoles: readonly string[], resourceId: string, action: string): boolean {
  return roles.some(
    (role) =>
      subjectRoles.includes(role.role_id) &&
      role.permissions.some((p) => p.resource_id === resourceId && (p.actions.includes(action) || p.actions.includes('*'))),
  );
}
