/**
 * The operator's store queries: the active-session count (exact, and on indexes only: no table scan, so it
 * stays cheap with a million sessions), the applied migrations, and the database time of SQLite's fast
 * path, which bypasses Kysely's log.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { migrate } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations.js';
import { KyselyOpsStore, activeSessionCounts } from '../../src/db/kysely/ops-store.js';
import { param, prepared } from '../../src/db/kysely/prepared.js';

const timings: number[] = [];
const { db, direct } = openSqlite(':memory:', { onQuery: (s) => timings.push(s) });
const ops = new KyselyOpsStore(db, () => 7);
const NOW = 1_000_000;

beforeAll(async () => {
  await migrate(db);
  // Session rows only: the owners do not matter to the count.
  await sql`pragma foreign_keys = off`.execute(db);
  await db.insertInto('projects').values([{ project_id: 'p1', env: 'test', name: 'one', created_at: 1 }, { project_id: 'p2', env: 'test', name: 'two', created_at: 1 }]).execute();
  const common = { started_at: 1, last_accessed_at: 1, factors: '[]', custom_claims: '{}' };
  // [expires_at, revoked_at]: live, live, expired, revoked but unexpired, revoked and expired
  const rows: [number, number | null][] = [[NOW + 10, null], [NOW + 20, null], [NOW - 1, null], [NOW + 30, NOW - 5], [NOW - 2, NOW - 9]];
  await db
    .insertInto('sessions')
    .values(rows.map(([expires_at, revoked_at], i) => ({ ...common, session_id: `s${i}`, project_id: i % 2 ? 'p1' : 'p2', user_id: 'u', token_hash: `h${i}`, token_salt: 's', expires_at, revoked_at, attributes: '{}' })))
    .execute();
  await db
    .insertInto('member_sessions')
    .values(rows.slice(0, 4).map(([expires_at, revoked_at], i) => ({ ...common, member_session_id: `m${i}`, project_id: 'p1', organization_id: 'o', member_id: 'm', token_hash: `mh${i}`, token_salt: 's', expires_at, revoked_at })))
    .execute();
});
afterAll(() => db.destroy());

describe('KyselyOpsStore', () => {
  it('counts sessions neither expired nor revoked, in both tables', async () => {
    expect(await ops.countActiveSessions(NOW)).toBe(2 + 2);
    expect(await ops.countActiveSessions(NOW + 15)).toBe(1 + 1);
    expect(await ops.countActiveSessions(NOW + 100)).toBe(0);
  });

  it('uses only indexes (a covering one for the unexpired rows): no table scan', async () => {
    for (const table of ['sessions', 'member_sessions'] as const) {
      const { unexpired, revokedUnexpired } = activeSessionCounts(db, table, NOW);
      const plan = async (q: { compile(): CompiledQuery }) => {
        const c = q.compile();
        const r = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
        return r.rows.map((row) => row.detail).join(' | ');
      };
      expect(await plan(unexpired)).toBe(`SEARCH ${table} USING COVERING INDEX ${table}_expiry (expires_at>?)`);
      const revoked = await plan(revokedUnexpired);
      expect(revoked).toContain(`SEARCH ${table} USING INDEX ${table}_project_revoked`);
      expect(revoked).not.toMatch(/SCAN/);
    }
  });

  it('reads the applied migrations and pings; reports the write-behind depth it is given', async () => {
    expect((await ops.appliedMigrations()).sort()).toEqual(Object.keys(migrations).sort());
    await expect(ops.ping()).resolves.toBeUndefined();
    expect(ops.pendingWrites()).toBe(7);
  });

  it('times queries through Kysely and through the synchronous fast path', async () => {
    timings.length = 0;
    await db.selectFrom('projects').select('project_id').execute();
    expect(timings).toHaveLength(1);
    const q = prepared(db, () => db.selectFrom('projects').select('project_id').where('project_id', '=', param('id')), direct);
    expect(await q.execute({ id: 'p1' })).toEqual([{ project_id: 'p1' }]);
    expect(timings).toHaveLength(2);
    expect(timings.every((s) => s >= 0 && s < 10)).toBe(true);
  });
});
