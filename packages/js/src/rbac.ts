/**
 * `client.rbac` (consumer): the session's roles against the project policy, checked in the browser.
 *
 * @module
 */
import type { SessionCore } from './internal/session-core.js';
import { readonly, type ReadonlyStore } from './internal/readonly-store.js';
import { isAuthorizedBy, permissionsOf, type Policy } from './rbac/policy.js';
import type { PolicySource } from './rbac/policy-source.js';
import type { ConsumerState } from './types.js';

export interface RBACClient {
  /** From the policy in memory (false until it is loaded, and when logged out). */
  isAuthorizedSync(resourceId: string, action: string): boolean;
  /** Loads the policy first if needed. */
  isAuthorized(resourceId: string, action: string): Promise<boolean>;
  allPermissions(): Promise<Record<string, Record<string, boolean>>>;
  /** The policy (for bindings such as `useStytchIsAuthorized`); `loadPolicy()` starts loading it. */
  readonly policy: ReadonlyStore<Policy>;
  loadPolicy(): Promise<Policy | null>;
}

export function rbacClient(core: SessionCore<ConsumerState>, policy: PolicySource): RBACClient {
  const roles = () => core.state.data?.session.roles ?? [];
  const sync = (resourceId: string, action: string) => isAuthorizedBy(policy.store.get().data?.roles ?? [], roles(), resourceId, action);
  return {
    isAuthorizedSync: sync,
    isAuthorized: async (resourceId, action) => {
      await policy.load();
      return sync(resourceId, action);
    },
    allPermissions: async () => {
      const p = await policy.load();
      return p ? permissionsOf(p, p.roles, roles()) : {};
    },
    policy: readonly(policy.store),
    loadPolicy: () => policy.load(),
  };
}
