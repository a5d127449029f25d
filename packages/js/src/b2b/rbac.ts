/**
 * `client.rbac` (B2B): the member session's roles against the project policy plus the organization's
 * custom roles, checked in the browser as the official SDK does.
 *
 * @module
 */
import type { SessionCore } from '../internal/session-core.js';
import { readonly } from '../internal/readonly-store.js';
import { isAuthorizedBy, permissionsOf, type Policy, type PolicyRole } from '../rbac/policy.js';
import type { PolicySource } from '../rbac/policy-source.js';
import type { RBACClient } from '../rbac.js';
import type { B2BState } from './types.js';

/** The roles that apply to the member: the project's, then its organization's custom roles. */
export function rolesInOrganization(policy: Policy | null, state: B2BState | null): PolicyRole[] {
  const custom: readonly PolicyRole[] = state?.organization.custom_roles ?? [];
  return [...(policy?.roles ?? []), ...custom];
}

export function b2bRbacClient(core: SessionCore<B2BState>, policy: PolicySource): RBACClient {
  const subject = () => core.state.data?.session.roles ?? [];
  const sync = (resourceId: string, action: string) => isAuthorizedBy(rolesInOrganization(policy.store.get().data, core.state.data), subject(), resourceId, action);
  return {
    isAuthorizedSync: sync,
    isAuthorized: async (resourceId, action) => {
      await policy.load();
      return sync(resourceId, action);
    },
    allPermissions: async () => {
      const p = await policy.load();
      return p ? permissionsOf(p, rolesInOrganization(p, core.state.data), subject()) : {};
    },
    policy: readonly(policy.store),
    loadPolicy: () => policy.load(),
  };
}
