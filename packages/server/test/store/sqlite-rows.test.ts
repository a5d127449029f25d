// The SQLite driver builds row objects itself from better-sqlite3's raw arrays (sqlite-driver.ts,
// compileRow): the objects must be what better-sqlite3 would have made, on every path that reads rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite/open.js';

let dir: string;
let file: string;
let opened: ReturnType<typeof openSqlite>;
const kysely = () => opened.db as unknown as Kysely<{ t: { id: number; name: string; data: Buffer | null } }>;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-rows-'));
  file = path.join(dir, 'db.sqlite');
  opened = openSqlite(file);
  await sql`create table t (id integer primary key, name text not null, data blob)`.execute(opened.db);
  await sql`insert into t values (1, 'a', x'00ff'), (2, 'b"c', null)`.execute(opened.db);
});
afterEach(async () => {
  await opened.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What better-sqlite3 itself returns for the same SQL, on a connection of its own. */
function reference(text: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(text).all();
  } finally {
    db.close();
  }
}

describe('SQLite row objects', () => {
  const cases = [
    'select * from t order by id',
    // Names that need quoting, a duplicate name (the last value wins), and a computed column.
    `select id as "we""ird \\ name", name, name as "name", length(name) * 2 as "2x" from t order by id`,
    // __proto__ as a column name, twice (no object literal may say that): better-sqlite3's own objects.
    'select id as "__proto__", name as "__proto__", name from t order by id',
  ];

  it.each(cases)('the fast path returns what better-sqlite3 does: %s', (text) => {
    const rows = opened.direct.one(text, []);
    const expected = reference(text);
    expect(rows).toEqual(expected);
    const plain = (r: unknown) => Object.getPrototypeOf(r) === Object.prototype;
    expect(rows!.map(plain)).toEqual(expected.map(plain));
  });

  it.each(cases)('Kysely queries and streams return what better-sqlite3 does: %s', async (text) => {
    const { rows } = await sql.raw(text).execute(opened.db);
    expect(rows).toEqual(reference(text));
    const streamed: unknown[] = [];
    for await (const row of kysely().selectFrom(sql.raw(`(${text})`).as('q')).selectAll().stream()) streamed.push(row);
    expect(streamed).toEqual(reference(`select * from (${text})`));
  });

  it('a row object has only the columns as own properties, in column order', () => {
    const [row] = opened.direct.one('select name, id from t where id = 1', []) as object[];
    expect(Object.keys(row!)).toEqual(['name', 'id']);
  });
});
