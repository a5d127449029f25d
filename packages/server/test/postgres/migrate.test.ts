/**
 * PostgreSQL in the server: `openDatabase` over a real cluster, migrations under the advisory lock (two
 * instances starting together), the master key requirement, and no password in any message.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from '@tessera/test-utils';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open-database.js';
import { StartupRefusal } from '../../src/refusal.js';
import { openRuntime } from '../../src/runtime.js';

const cluster = await startPostgres();
afterAll(() => {
  if ('stop' in cluster) cluster.stop();
});
const MASTER_KEY = 'ab'.repeat(32);

if ('unavailable' in cluster) {
  describe('PostgreSQL migrations', () => {
    it.skip(`skipped: ${cluster.unavailable}`, () => {});
  });
} else {
  describe('PostgreSQL migrations', () => {
    it('two migrate() calls in parallel on one fresh database both succeed, and each migration is applied once', async () => {
      const url = await cluster.createDatabase();
      const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
      try {
        expect(a.dialect).toBe('postgres');
        const [ra, rb] = await Promise.all([migrate(a.db), migrate(b.db)]);
        expect(ra.error).toBeUndefined();
        expect(rb.error).toBeUndefined();
        const applied = [...(ra.results ?? []), ...(rb.results ?? [])].filter((r) => r.status === 'Success').map((r) => r.migrationName);
        expect(applied.sort()).toEqual(Object.keys(migrations).sort());
        const rows = await sql<{ n: number }>`select count(*)::int as n from tessera_migrations`.execute(a.db);
        expect(rows.rows[0]!.n).toBe(Object.keys(migrations).length);
        // BIGINT columns come back as numbers, from this pool's own parser.
        const now = await sql<{ v: unknown }>`select 1234567890123::bigint as v`.execute(a.db);
        expect(now.rows[0]!.v).toBe(1234567890123);
        // A third start finds nothing to do.
        const again = await migrate(a.db);
        expect(again.results).toEqual([]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('openRuntime over PostgreSQL reports what it applied, then nothing; describe() hides the password', async () => {
      const url = await cluster.createDatabase();
      const withPassword = url.replace('postgres@', 'postgres:hunter2-secret@');
      const config = loadConfig({ TESSERA_DATABASE_URL: withPassword, TESSERA_MASTER_KEY: MASTER_KEY, TESSERA_LOG_LEVEL: 'silent' });
      const first = await openRuntime(config);
      expect(first.migrated).toEqual(Object.keys(migrations));
      await first.close();
      const second = await openRuntime(config);
      expect(second.migrated).toEqual([]);
      await second.close();
      const opened = await openDatabase(withPassword);
      expect(opened.describe).toContain('postgres:***@');
      expect(opened.describe).not.toContain('hunter2-secret');
      await opened.close();
    });

    it('refuses to start over PostgreSQL without TESSERA_MASTER_KEY or TESSERA_MASTER_KEY_FILE, in one line', async () => {
      const url = await cluster.createDatabase();
      const err = await openRuntime(loadConfig({ TESSERA_DATABASE_URL: url, TESSERA_DATA_DIR: '/tmp/tessera-no-such-dir' })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StartupRefusal);
      expect((err as Error).message).toMatch(/^master key required: with PostgreSQL set TESSERA_MASTER_KEY/);
      expect((err as Error).message).not.toContain('\n');
    });

    it('an unreachable database fails the start with the password redacted', async () => {
      const config = loadConfig({ TESSERA_DATABASE_URL: 'postgres://tessera:hunter2-secret@127.0.0.1:1/x', TESSERA_MASTER_KEY: MASTER_KEY });
      const err = (await openRuntime(config).then(() => null, (e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.message).toMatch(/cannot connect to PostgreSQL at postgres:\/\/tessera:\*\*\*@127\.0\.0\.1:1\/x/);
      expect(err.message).not.toContain('hunter2-secret');
    });
  });
}
