/**
 * The queries behind the operator's health checks and gauges: a trivial round trip, the applied migration
 * names, and a count of active sessions that stays cheap on a large table (see `countActiveSessions`).
 *
 * @module
 */
import { sql, type Kysely } from 'kysely';
import type { OpsStore } from '../../store/stores.js';
import type { Database } from '../schema.js';

export class KyselyOpsStore implements OpsStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Access times waiting in the session tables' write-behind buffers. */
    private readonly touches: () => number,
  ) {}

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async appliedMigrations(): Promise<string[]> {
    // The migrator's bookkeeping table (db/migrate.ts) is not part of the typed schema.
    const rows = await (this.db as unknown as Kysely<{ tessera_migrations: { name: string } }>).selectFrom('tessera_migrations').select('name').execute();
    return rows.map((r) => r.name);
  }

  /** Unexpired, unrevoked sessions of both tables (see {@link activeSessionCounts}). */
  async countActiveSessions(now: number): Promise<number> {
    let total = 0;
    for (const table of ['sessions', 'member_sessions'] as const) {
      const { unexpired, revokedUnexpired } = activeSessionCounts(this.db, table, now);
      const [a, b] = await Promise.all([unexpired.executeTakeFirstOrThrow(), revokedUnexpired.executeTakeFirstOrThrow()]);
      total += Number(a.n) - Number(b.n);
    }
    return total;
  }

  pendingWrites(): number {
    return this.touches();
  }
}

/**
 * The two counts whose difference is a table's active sessions, each on an index: the unexpired rows
 * through `*_expiry` (a covering index: no table row is read, so a million sessions cost one index range
 * scan, ~10 ms in SQLite), minus the revoked ones still unexpired, found per project through
 * `*_project_revoked` (only revoked rows are read). Counting `revoked_at is null` directly would read every
 * unexpired row. test/store/ops-store.test.ts checks both plans.
 */
export function activeSessionCounts(db: Kysely<Database>, table: 'sessions' | 'member_sessions', now: number) {
  return {
    unexpired: db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('expires_at', '>', now),
    revokedUnexpired: db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('project_id', 'in', db.selectFrom('projects').select('project_id'))
      .where('revoked_at', 'is not', null)
      .where('expires_at', '>', now),
  };
}
