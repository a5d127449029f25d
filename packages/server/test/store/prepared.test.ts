import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { migrate } from '../../src/db/migrate.js';
import { param, prepared } from '../../src/db/kysely/prepared.js';

const db = openSqlite(':memory:');
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
    const r = prepared(db, () => db.selectFrom('projects').select('project_id').where('project_id', '=', param('id')).where('created_at', '<', param('t')));
    expect(await r.execute({ id: 'p', t: 5 })).toEqual([{ project_id: 'p' }]);
    expect(await r.execute({ id: 'q', t: 5 })).toEqual([]);
  });
  it('refuses literal values (they would be frozen into the query) and missing values', async () => {
    expect(() => prepared(db, () => db.selectFrom('projects').selectAll().where('project_id', '=', 'literal'))).toThrow(/literal parameter/);
    const r = prepared(db, () => db.selectFrom('projects').selectAll().where('project_id', '=', param('id')));
    await expect(r.execute({})).rejects.toThrow(/missing value for id/);
  });
});
