/**
 * Database time for the operator's metrics (`tessera_db_query_seconds`). Kysely measures each query it runs
 * (its `log` option reports `queryDurationMillis`, failed queries included); SQLite's synchronous fast path
 * (prepared.ts) bypasses Kysely and is timed where it is opened (sqlite/open.ts).
 *
 * @module
 */
import type { LogEvent } from 'kysely';

/** Receives one query's duration in seconds. */
export type QueryTimer = (seconds: number) => void;

/** Kysely's `log` option reporting every query's duration to `onQuery`. */
export function kyselyQueryLog(onQuery: QueryTimer): (event: LogEvent) => void {
  return (event) => onQuery(event.queryDurationMillis / 1000);
}
