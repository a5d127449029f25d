import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../log.js';
import type { Database as Schema } from '../schema.js';
import { redactDatabaseUrl } from './url.js';
import { kyselyQueryLog, type QueryTimer } from '../kysely/query-timer.js';

export interface PostgresOptions {
  /** Connections in the pool (`TESSERA_DATABASE_POOL_SIZE`, default 10). */
  readonly poolSize: number;
  /** Longest a statement may run before PostgreSQL cancels it (`TESSERA_DATABASE_STATEMENT_TIMEOUT_MS`, default 5000). */
  readonly statementTimeoutMs: number;
  /** Receives errors of idle connections (the server went away); never fatal, the pool reconnects. */
  readonly log?: Logger;
  /** Receives each query's database time (metrics). */
  readonly onQuery?: QueryTimer;
}

const INT8_OID = 20;

/**
 * Our BIGINT columns hold epoch milliseconds and counters, far below 2^53: read them as numbers. The parser
 * is this pool's own (`types`), not `pg.types.setTypeParser`, which would change every `pg` user in the process.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A `pg.Pool` behind Kysely's PostgresDialect. Every connection runs with `statement_timeout`; a connection
 * that cannot be made within the same bound fails (a PostgreSQL outage becomes 503 `service_unavailable`,
 * see errors.ts). An idle connection the server dropped is discarded and replaced on the next query, so the
 * server recovers by itself once PostgreSQL is back.
 */
export function openPostgres(url: string, opts: PostgresOptions): { db: Kysely<Schema>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize,
    statement_timeout: opts.statementTimeoutMs,
    connectionTimeoutMillis: opts.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    types,
    application_name: 'tessera',
  });
  const lost = (err: Error) =>
    opts.log?.warn({ err: err.message, database: redactDatabaseUrl(url) }, 'PostgreSQL connection lost; the pool reconnects on the next query');
  // Without a listener an idle client's error (PostgreSQL restarted) would crash the process.
  pool.on('error', lost);
  // A client that is checked out (between a transaction's queries) when PostgreSQL goes away emits the error
  // on itself, not on the pool, and without a listener that too crashes the process (found by the
  // restart-under-load test). Its query fails (503) and the pool discards it when it is released.
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), ...(opts.onQuery ? { log: kyselyQueryLog(opts.onQuery) } : {}) });
  return { db, pool };
}
