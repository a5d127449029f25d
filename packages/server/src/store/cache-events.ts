/**
 * `CacheEvents`: how an instance tells every instance sharing its database (itself included) that something
 * it caches in memory changed, so the caches drop it at once instead of waiting out their TTL. Over
 * PostgreSQL the events travel through LISTEN/NOTIFY (db/postgres/notifications.ts); over SQLite, whose file
 * one host's processes share, they stay in the process (`LocalCacheEvents`) and other processes' changes are
 * seen within the caches' TTLs, as before.
 *
 * @module
 */

/**
 * What changed for a project: `project` its secrets or public tokens, `sdk` its frontend settings or origins,
 * `keys` its signing keys, `rbac` its RBAC policy. `all`: events may have been missed (the listener lost its
 * connection), so every cache starts afresh.
 */
export type CacheEvent =
  | { readonly topic: 'project' | 'sdk' | 'keys' | 'rbac'; readonly projectId: string }
  | { readonly topic: 'all' };

export type CacheListener = (event: CacheEvent) => void;

export interface CacheEvents {
  /** Announces a change that has been committed; listeners here run before it resolves. */
  publish(event: CacheEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: CacheListener): () => void;
  close(): Promise<void>;
}

/** Calls listeners; a throwing listener does not keep the others from running. */
export class CacheListeners {
  readonly #listeners = new Set<CacheListener>();

  subscribe(listener: CacheListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: CacheEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // A cache's invalidation does not throw; nothing to report.
      }
    }
  }
}

/** In-process only: SQLite, and tests of one instance. */
export class LocalCacheEvents implements CacheEvents {
  readonly #listeners = new CacheListeners();

  async publish(event: CacheEvent): Promise<void> {
    this.#listeners.emit(event);
  }

  subscribe(listener: CacheListener): () => void {
    return this.#listeners.subscribe(listener);
  }

  async close(): Promise<void> {}
}
