import type { Kysely } from 'kysely';
import type { Database as Schema } from '../schema.js';
import type { DirectRunner } from './prepared.js';
import type { ChangeFeed } from './read-cache.js';

/**
 * An open database as the Kysely stores take it: the Kysely instance, and the driver's synchronous fast
 * path when it has one (SQLite; see db/sqlite/open.ts). Passed explicitly, from `openDatabase` to the stores
 * to their `prepared()` queries: nothing is looked up in a process-wide registry.
 */
export interface SqlDatabase {
  readonly db: Kysely<Schema>;
  readonly direct?: DirectRunner;
  /** What changed, for the hot path's read caches (SQLite; see read-cache.ts). Without it nothing is cached. */
  readonly changes?: ChangeFeed;
}
