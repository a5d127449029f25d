import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ClientState, Policy, RBACClient, ReadonlyStore } from '@tessera/js';
import { useClientState } from './envelope.js';

const NO_POLICY: ClientState<Policy> = Object.freeze({ data: null, fromCache: false });
const noPolicy = () => NO_POLICY;

export interface IsAuthorizedEnvelope {
  isAuthorized: boolean;
  fromCache: boolean;
  isInitialized: boolean;
}

/** `{ isAuthorized, fromCache, isInitialized }` for the session's roles and the project policy (loaded once). */
export function useIsAuthorized<D>(store: ReadonlyStore<D>, rbac: RBACClient, hydrated: boolean, resourceId: string, action: string): IsAuthorizedEnvelope {
  const state = useClientState(store);
  const policy = useSyncExternalStore(rbac.policy.subscribe, rbac.policy.get, noPolicy);
  useEffect(() => {
    void rbac.loadPolicy();
  }, [rbac]);
  const isAuthorized = hydrated && state.data !== null && policy.data !== null && rbac.isAuthorizedSync(resourceId, action);
  const fromCache = hydrated && (state.fromCache || policy.fromCache);
  return useMemo(() => ({ isAuthorized, fromCache, isInitialized: hydrated }), [isAuthorized, fromCache, hydrated]);
}
