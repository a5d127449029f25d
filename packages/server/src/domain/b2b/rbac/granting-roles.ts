import type { RbacRole } from '../../../store/b2b-records.js';

/**
 * The roles among `held` whose permissions allow `action` on `resource_id` (`*` allows every action), in
 * policy order: the `granting_roles` of an authorization verdict. Empty means not authorized.
 */
export function grantingRoles(policyRoles: readonly RbacRole[], held: readonly string[], resource_id: string, action: string): string[] {
  return policyRoles
    .filter((role) => held.includes(role.role_id))
    .filter((role) => role.permissions.some((p) => p.resource_id === resource_id && (p.actions.includes(action) || p.actions.includes('*'))))
    .map((role) => role.role_id);
}
