/**
 * The client's observable state: the vertical's data (session and user, or member session, member and
 * organization) and whether it is the cached copy awaiting a refresh. Immutable snapshots, so a React
 * binding can hand them to `useSyncExternalStore` as they are.
 *
 * @module
 */

export interface ClientState<D> {
  /** The logged-in state, or null when logged out. */
  readonly data: D | null;
  /** True while `data` is the copy read from storage and a refresh is pending. */
  readonly fromCache: boolean;
}

export class StateStore<D> {
  #state: ClientState<D>;
  readonly #listeners = new Set<() => void>();

  constructor(initial: ClientState<D>) {
    this.#state = Object.freeze({ ...initial });
  }

  get(): ClientState<D> {
    return this.#state;
  }

  set(next: ClientState<D>): void {
    if (next.data === this.#state.data && next.fromCache === this.#state.fromCache) return;
    this.#state = Object.freeze({ ...next });
    for (const l of [...this.#listeners]) l();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
