/**
 * The same store conformance suite on PostgreSQL 15, through Kysely's PostgresDialect and `pg`: the store
 * layer is one query layer for both databases (a fresh database per test, a cluster started for this file).
 * The pool is the server's own (`openPostgres`).
 */
import { afterAll, describe, it } from 'vitest';
import { startPostgres } from '@tessera/test-utils';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres/open.js';
import { defineStoreConformance } from './conformance.js';
import { createLogger } from '../../src/log.js';

/** Write-behind failures show on stderr. */
const log = createLogger('warn', process.stderr);

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
    // The server's own pool (BIGINT columns parsed to numbers by a per-pool parser, no global setting).
    const { db } = openPostgres(await cluster.createDatabase(), { poolSize: 4, statementTimeoutMs: 5000, log });
    const result = await migrate(db);
    if (result.error) throw result.error;
    const stores = createKyselyStores({ db }, { log });
    return { stores, close: () => stores.close() };
  });
}
