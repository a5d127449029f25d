import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { migrate } from '../../src/db/migrate.js';
import { param, prepared } from '../../src/db/kysely/prepared.js';

const { db, direct } = openSqlite(':memory:');
beforeAll(async () => {
  await migrate(db);
  await db.insertInto('projects').values({ project_id: 'p', env: 'test', name: 'n', created_at: 1 }).execute();
});
afterAll(() => db.destroy());

describe('prepared()', () => {
  it('compiles once and re-binds named values, including a name used twice', async () => {
    const q = prepared(db, () =>
      db.selectFrom('projects').select('project_id').where('project_id', '=', param('id')).where('created_at', '<', param('t')).where('created_at', '>', param('t')),
    );
    expect(await q.execute({ id: 'p', t: 5 })).toEqual([]); // 1 < 5 but not 1 > 5: both places got t
    // with the driver's synchronous fast path, and without it (through Kysely, as on PostgreSQL)
    for (const fast of [direct, undefined]) {
      const r = prepared(db, () => db.selectFrom('projects').select('project_id').where('project_id', '=', param('id')).where('created_at', '<', param('t')), fast);
      expect(await r.execute({ id: 'p', t: 5 })).toEqual([{ project_id: 'p' }]);
      expect(await r.execute({ id: 'q', t: 5 })).toEqual([]);
    }
  });
  it('refuses literal values (they would be frozen into the query) and missing values', async () => {
    expect(() => prepared(db, () => db.selectFrom('projects').selectAll().where('project_id', '=', 'literal'))).toThrow(/literal parameter/);
    const r = prepared(db, () => db.selectFrom('projects').selectAll().where('project_id', '=', param('id')));
    await expect(r.execute({})).rejects.toThrow(/missing value for id/);
  });
});

describe('prepared().executeBatch()', () => {
  it('runs the statement once per value set in one transaction, directly or through Kysely', async () => {
    const ins = prepared(db, () => db.insertInto('projects').values({ project_id: param('id'), env: param('env'), name: param('name'), created_at: param('at') }), direct);
    await ins.executeBatch([
      { id: 'b1', env: 'test', name: 'one', at: 1 },
      { id: 'b2', env: 'test', name: 'two', at: 2 },
    ]);
    expect((await db.selectFrom('projects').select('project_id').where('project_id', 'in', ['b1', 'b2']).execute()).length).toBe(2);
    // all or nothing: a duplicate in the batch rolls the whole batch back
    await expect(ins.executeBatch([{ id: 'b3', env: 'test', name: 'x', at: 3 }, { id: 'b1', env: 'test', name: 'dup', at: 4 }])).rejects.toThrow();
    expect(await db.selectFrom('projects').select('project_id').where('project_id', '=', 'b3').execute()).toEqual([]);
    // while a transaction holds the connection, the batch queues behind it (and runs once it is done)
    await db.transaction().execute(async (trx) => {
      const pending = ins.executeBatch([{ id: 'b4', env: 'test', name: 'y', at: 5 }]);
      await trx.insertInto('projects').values({ project_id: 'b5', env: 'test', name: 'z', created_at: 6 }).execute();
      void pending;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect((await db.selectFrom('projects').select('project_id').where('project_id', 'in', ['b4', 'b5']).execute()).length).toBe(2);
    // without the fast path (PostgreSQL), through a Kysely transaction
    const slow = prepared(db, () => db.insertInto('projects').values({ project_id: param('id'), env: param('env'), name: param('name'), created_at: param('at') }));
    await slow.executeBatch([{ id: 'b6', env: 'test', name: 'six', at: 7 }, { id: 'b7', env: 'test', name: 'seven', at: 8 }]);
    expect((await db.selectFrom('projects').select('project_id').where('project_id', 'in', ['b6', 'b7']).execute()).length).toBe(2);
  });
});
