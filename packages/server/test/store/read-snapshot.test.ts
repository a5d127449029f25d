// The SQLite driver's read snapshot (sqlite-driver.ts): fast-path reads of one event-loop turn share a deferred
// transaction that ends at setImmediate, and anything that writes or goes through Kysely ends it first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite/open.js';

let dir: string;
let opened: ReturnType<typeof openSqlite>;
/** A second connection to the same file: another process (the CLI) as far as locking goes. */
let other: Database.Database;
const turn = () => new Promise((r) => setImmediate(r));
/** The server's Kysely handle, typed for this test's one table. */
const kysely = () => opened.db as unknown as Kysely<{ t: { name: string } }>;
const names = () => opened.direct.one('select name from t order by name', []) as { name: string }[] | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-snapshot-'));
  const file = path.join(dir, 'db.sqlite');
  opened = openSqlite(file);
  await opened.db.schema.createTable('t').addColumn('name', 'text', (c) => c.primaryKey()).execute();
  other = new Database(file);
  other.pragma('busy_timeout = 2000');
});
afterEach(async () => {
  other.close();
  await opened.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite fast-path read snapshot', () => {
  it('reads in one loop turn see one snapshot; the next turn sees what was committed meanwhile', async () => {
    other.prepare('insert into t values (?)').run('a');
    expect(names()).toEqual([{ name: 'a' }]);
    other.prepare('insert into t values (?)').run('b'); // a WAL writer is not blocked by the open snapshot
    expect(names()).toEqual([{ name: 'a' }]);
    await turn();
    expect(names()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('is closed at the check phase, so the connection is never left inside a transaction', async () => {
    names();
    await turn();
    // another connection can checkpoint and restart the whole log: no reader is left on the WAL
    other.prepare('insert into t values (?)').run('c');
    const [result] = other.pragma('wal_checkpoint(RESTART)') as { busy: number }[];
    expect(result!.busy).toBe(0);
  });

  it('a write on the fast path ends the snapshot first: it commits at once and later reads see it', async () => {
    names();
    expect(opened.direct.one('insert into t values (?)', ['w'])).toEqual([]);
    expect(other.prepare('select count(*) as n from t').get()).toEqual({ n: 1 }); // committed, not held in a transaction
    expect(names()).toEqual([{ name: 'w' }]);
  });

  it('a Kysely transaction, a Kysely query and a batch in the same turn run outside the snapshot', async () => {
    names();
    await kysely().transaction().execute((trx) => trx.insertInto('t').values({ name: 'k' }).execute());
    expect(other.prepare('select name from t').all()).toEqual([{ name: 'k' }]);
    names();
    other.prepare('insert into t values (?)').run('o');
    expect(await kysely().selectFrom('t').select('name').orderBy('name').execute()).toEqual([{ name: 'k' }, { name: 'o' }]);
    names();
    await opened.direct.batch('insert into t values (?)', [['x'], ['y']]);
    expect(other.prepare('select count(*) as n from t').get()).toEqual({ n: 4 });
  });

  it('close with a snapshot open', async () => {
    names();
    await opened.db.destroy();
    await turn(); // the pending setImmediate finds the connection closed and does nothing
    opened = openSqlite(path.join(dir, 'db.sqlite'));
    expect(names()).toEqual([]);
  });
});
