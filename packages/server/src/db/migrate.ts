import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations.js';
import type { Database as Schema } from './schema.js';

/** Applies pending migrations in one transaction and returns Kysely's result set (never throws half-way). */
export async function migrate(db: Kysely<Schema>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    // The migrator needs no table types; its own bookkeeping tables are not in Schema.
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'tessera_migrations',
    migrationLockTableName: 'tessera_migrations_lock',
  });
  return migrator.migrateToLatest();
}
