import type { ClientState, StateStore } from './state-store.js';

/** A store a framework binding reads: immutable snapshots and change notifications. */
export interface ReadonlyStore<D> {
  get(): ClientState<D>;
  subscribe(listener: () => void): () => void;
}

export function readonly<D>(store: StateStore<D>): ReadonlyStore<D> {
  return { get: () => store.get(), subscribe: (l) => store.subscribe(l) };
}
