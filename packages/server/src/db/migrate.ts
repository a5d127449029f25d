import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations.js';
import type { Database as Schema } from './schema.js';

/**
 * The session-level advisory lock instances take around their migrations on PostgreSQL ("tessera" in the
 * low bytes; any fixed value shared by every instance would do). Kysely's own transaction-level lock comes
 * too late: the migrator creates its bookkeeping tables before it, and two instances creating them at once
 * collide on PostgreSQL's catalog.
 */
export const MIGRATION_LOCK_KEY = 0x74657373657261; // 'tessera'

/**
 * Applies pending migrations in one transaction and returns Kysely's result set (never throws half-way):
 * all of them or none. On PostgreSQL it holds an advisory lock on one connection meanwhile, so instances
 * starting together apply each migration once; the later ones wait, then find the database up to date.
 */
export async function migrate(db: Kysely<Schema>): Promise<MigrationResultSet> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrator(db).migrateToLatest();
  return db.connection().execute(async (conn) => {
    // Waiting for another instance's migrations, and a long migration, may outlast the statement timeout.
    await sql`set statement_timeout = 0`.execute(conn);
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    try {
      return await migrator(conn).migrateToLatest();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
      await sql`reset statement_timeout`.execute(conn);
    }
  });
}

/** Tessera's migrations over `db` (`migrate` applies them all; a test may stop at one with `migrateTo`). */
export function migrator(db: Kysely<Schema>): Migrator {
  return new Migrator({
    // The migrator needs no table types; its own bookkeeping tables are not in Schema.
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'tessera_migrations',
    migrationLockTableName: 'tessera_migrations_lock',
  });
}
