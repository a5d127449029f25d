/**
 * The same store conformance suite on PostgreSQL 15, through Kysely's PostgresDialect and `pg`: the store
 * layer is one query layer for both databases (a fresh database per test, a cluster started for this file).
 * PostgreSQL itself is wired into the server by the scale-out issue; this keeps the stores ready for it.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { startPostgres } from '@tessera/test-utils';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import { migrate } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { defineStoreConformance } from './conformance.js';
import { createLogger } from '../../src/log.js';

/** Write-behind failures show on stderr. */
const log = createLogger('warn', process.stderr);

// Epoch milliseconds are BIGINT columns; `pg` would return them as strings.
pg.types.setTypeParser(20, (v: string) => Number(v));

const cluster = await startPostgres();
afterAll(() => {
  if ('stop' in cluster) cluster.stop();
});

if ('unavailable' in cluster) {
  describe('store conformance: PostgreSQL', () => {
    it.skip(`skipped: ${cluster.unavailable}`, () => {});
  });
} else {
  defineStoreConformance('PostgreSQL 15', async () => {
    const pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 4 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const result = await migrate(db);
    if (result.error) throw result.error;
    const stores = createKyselyStores(db, { lockRows: true, log });
    return { stores, close: () => stores.close() };
  });
}
