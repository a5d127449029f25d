/**
 * A bounded cache of records the authenticate hot path reads by key (a session by token hash or id, its
 * user, member, organization), kept coherent with the database by a `ChangeFeed`: an entry is dropped the
 * moment a statement on this process's connection changes its row (SQLite triggers call back into the
 * process, synchronously, inside the statement), and every entry is dropped when another connection (the
 * CLI, another process on the file) has committed anything since the entry was read. A hit therefore
 * answers exactly what the read would have answered at that moment, expiry included (the caller checks the
 * time against the record); it only saves the reads (~20 µs an authenticate on the 2-vCPU box).
 *
 * Only SQLite has a feed (db/sqlite/change-feed.ts); PostgreSQL stores read every time.
 *
 * @module
 */
import { deepFreeze } from '../../deep-freeze.js';

/** The tables whose rows the caches hold (their key columns are in db/sqlite/change-feed.ts). */
export type WatchedTable = 'sessions' | 'member_sessions' | 'users' | 'user_emails' | 'user_phones' | 'members' | 'organizations';

export interface ChangeFeed {
  /** Bumped by every change the feed sees; a read begun at another generation is not cached. */
  readonly generation: number;
  /**
   * Whether cached entries may be used (and stored) now: false while a transaction holds the connection.
   * It first catches up with other connections' commits (dropping every entry, and bumping the generation,
   * when there were any).
   */
  current(): boolean;
  /** Calls `onChange` with the key columns of each row of `table` this connection inserts, updates or deletes. */
  watch(table: WatchedTable, onChange: (keys: readonly unknown[]) => void): void;
  /** Calls `onReset` when every entry must go (another connection committed). */
  onReset(onReset: () => void): void;
  /** The most entries a cache keeps (`TESSERA_SQLITE_READ_CACHE`). */
  readonly capacity: number;
}

export class ReadCache<V> {
  readonly #feed: ChangeFeed;
  readonly #max: number;
  readonly #entries = new Map<string, V>();

  /** `tables`: every table a change to which may change a cached value; the feed reports the keys it changed. */
  constructor(feed: ChangeFeed, tables: readonly WatchedTable[]) {
    this.#feed = feed;
    this.#max = feed.capacity;
    const drop = (keys: readonly unknown[]) => {
      for (const key of keys) if (typeof key === 'string') this.#entries.delete(key);
    };
    for (const table of tables) feed.watch(table, drop);
    feed.onReset(() => this.#entries.clear());
  }

  /** Take it before the read whose result goes to `set`. */
  get generation(): number {
    return this.#feed.generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    if (this.#entries.size === 0 || !this.#feed.current()) return undefined;
    return this.#entries.get(key);
  }

  /**
   * Keeps `value`, read by `key` after `generation` was taken, unless anything changed since (it may then
   * predate the change) or a transaction holds the connection (it may not be committed). The oldest entry
   * makes room.
   */
  set(key: string, value: V, generation: number): void {
    if (!this.#feed.current() || this.#feed.generation !== generation) return;
    if (this.#entries.size >= this.#max && !this.#entries.has(key)) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, value);
  }
}

/**
 * The record with id `id` in `projectId`: `cache`'s when it holds it, else `read()`'s, which the cache then
 * keeps (frozen). `read` must find by that id only (not by a slug or an external id the triggers do not report).
 */
export async function throughCache<V extends { project_id: string }>(
  cache: ReadCache<V> | undefined,
  projectId: string,
  id: string,
  read: () => Promise<V | null>,
): Promise<V | null> {
  const hit = cache?.get(id);
  if (hit !== undefined && hit.project_id === projectId) return hit;
  const generation = cache?.generation ?? 0;
  const value = await read();
  if (value !== null && cache) cache.set(id, deepFreeze(value), generation);
  return value;
}
