/**
 * The hooks' envelope over a client store (`useSyncExternalStore`; the server snapshot is "logged out,
 * not from cache"), with `isInitialized` false until the provider has mounted.
 *
 * @module
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ClientState, ReadonlyStore } from '@tessera/js';

const SERVER_SNAPSHOT: ClientState<never> = Object.freeze({ data: null, fromCache: false });
const serverSnapshot = () => SERVER_SNAPSHOT;

export function useClientState<D>(store: ReadonlyStore<D>): ClientState<D> {
  return useSyncExternalStore(store.subscribe, store.get, serverSnapshot);
}

/** `{ [key]: value | null, fromCache, isInitialized }`, stable while nothing it shows changes. */
export function useEnvelope<K extends string, D, V>(
  store: ReadonlyStore<D>,
  hydrated: boolean,
  key: K,
  select: (data: D) => V,
): { [P in K]: V | null } & { fromCache: boolean; isInitialized: boolean } {
  const state = useClientState(store);
  const value = hydrated && state.data ? select(state.data) : null;
  const fromCache = hydrated && state.fromCache;
  return useMemo(
    () => ({ [key]: value, fromCache, isInitialized: hydrated }) as { [P in K]: V | null } & { fromCache: boolean; isInitialized: boolean },
    [key, value, fromCache, hydrated],
  );
}
