/**
 * The write-behind buffer for `last_accessed_at` over a real SQLite file, with a second connection playing
 * another process (the CLI) that holds the write lock. touch-crash.test.ts checks the same bound on a real
 * server killed with SIGKILL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import { TouchBuffer } from '../../src/db/kysely/touch-buffer.js';
import { migrate } from '../../src/db/migrate.js';
import type { Database as Schema } from '../../src/db/schema.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import type { Logger } from '../../src/log.js';

const P = 'project-test-00000000-0000-4000-8000-00000000000a';
const IDS = ['s1', 's2', 's3', 's4', 's5'];

type Level = 'info' | 'warn' | 'error';
/** A logger that keeps what it was told and lets a test wait for the next line at a level. */
function recordingLog() {
  const lines: { level: Level; fields: object; msg: string }[] = [];
  const waiting: { level: Level; resolve: () => void }[] = [];
  const at = (level: Level) => (fields: object, msg: string) => {
    lines.push({ level, fields, msg });
    for (const w of waiting.splice(0)) if (w.level === level) w.resolve();
    else waiting.push(w);
  };
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines, next: (level: Level) => new Promise<void>((resolve) => waiting.push({ level, resolve })) };
}

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A migrated SQLite file with sessions s1..s5 last accessed at 1000, another connection on it, and a reader. */
async function setup(opts: { busyTimeoutMs?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-touch-'));
  const file = path.join(dir, 'test.db');
  const opened = openSqlite(file);
  const { db } = opened;
  await migrate(db);
  const seed = createKyselyStores(openSqlite(file), { log: recordingLog().log });
  await seed.projects.create({ project_id: P, env: 'test', name: 'p', created_at: 1 }, { secret_id: 's', project_id: P, secret_hash: 'h', last_four: 'x', created_at: 1 }, 'public-token-test-x');
  await seed.users.insert({
    user: { user_id: 'u1', project_id: P, external_id: null, status: 'active', name: { first_name: '', middle_name: '', last_name: '' }, trusted_metadata: {}, untrusted_metadata: {}, roles: [], created_at: 1, password: null, failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null },
    emails: [],
    phones: [],
  });
  for (const id of IDS) {
    await seed.sessions.insert({ session_id: id, project_id: P, user_id: 'u1', token_hash: `th-${id}`, token_salt: 'x', started_at: 1000, last_accessed_at: 1000, expires_at: 1e13, revoked_at: null, attributes: { ip_address: '', user_agent: '' }, factors: [], custom_claims: {}, version: 0 });
  }
  await seed.close();
  // Only to keep the old behaviour's failures short; the buffer must not depend on it.
  if (opts.busyTimeoutMs !== undefined) await sql.raw(`pragma busy_timeout = ${opts.busyTimeoutMs}`).execute(db);
  /** Another connection, as another process (the CLI) would have. */
  const other = new Database(file);
  const reader = new Database(file, { readonly: true });
  const read = reader.prepare<[string], { last_accessed_at: number }>('select last_accessed_at from sessions where session_id = ?');
  let destroyed = false;
  cleanup.push(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    reader.close();
    if (!destroyed) await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    db: db as Kysely<Schema>,
    direct: opened.direct,
    file,
    lock: () => other.exec('begin immediate'),
    unlock: () => other.exec('commit'),
    stored: (id: string) => read.get(id)!.last_accessed_at,
    destroyed: () => (destroyed = true),
  };
}

describe('write-behind access times: a locked database', () => {
  it('a write that finds the write lock taken keeps its times (still visible), and its own retry writes them once the lock is gone', async () => {
    const t = await setup({ busyTimeoutMs: 100 });
    const { log, lines, next } = recordingLog();
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { delayMs: 20, log, direct: t.direct, byRowid: true });
    t.lock();
    buf.record('s1', 5000);
    buf.record('s2', 6000);
    await buf.flush();
    expect(t.stored('s1')).toBe(1000);
    // not dropped: reads through the store still see them, and they are waiting for the retry
    expect(buf.overlay('s1', 1000)).toBe(5000);
    expect(buf.overlay('s2', 1000)).toBe(6000);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(/writing session access times failed/);
    expect(String((lines[0]!.fields as { err?: unknown }).err)).toMatch(/locked|busy/i);

    const recovered = next('info');
    t.unlock();
    await recovered; // the buffer's own retry timer, no flush() from here
    expect([t.stored('s1'), t.stored('s2')]).toEqual([5000, 6000]);
    expect(lines.at(-1)!.msg).toMatch(/written after failed attempts/);
    // a long lock is logged on the 1st, 2nd, 4th... failure, not on every retry
    const warns = lines.filter((l) => l.level === 'warn').map((l) => (l.fields as { failed_writes: number }).failed_writes);
    for (const n of warns) expect(n & (n - 1)).toBe(0);
  });

  it('a write never waits for another process\'s write lock: the busy timeout would stall every request', async () => {
    const t = await setup(); // openSqlite's own busy timeout, 5 s
    const { log } = recordingLog();
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { log, direct: t.direct, byRowid: true });
    t.lock();
    buf.record('s1', 5000);
    const started = performance.now();
    await buf.flush();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(buf.overlay('s1', 1000)).toBe(5000);
    // the connection's busy timeout is back for everything else
    expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(t.db)).rows[0]!.timeout).toBe(5000);
    t.unlock();
    await buf.flush();
    expect(t.stored('s1')).toBe(5000);
  });

  it('a backlog left by a long lock is all written once the lock is gone (maxPending does not turn every record into a retry)', async () => {
    const t = await setup({ busyTimeoutMs: 100 });
    const { log, lines } = recordingLog();
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { maxPending: 2, delayMs: 60_000, log, direct: t.direct, byRowid: true });
    t.lock();
    IDS.forEach((id, i) => buf.record(id, 5000 + i)); // the 2nd and 4th reach maxPending
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    for (const [i, id] of IDS.entries()) expect(buf.overlay(id, 1000)).toBe(5000 + i);
    t.unlock();
    await buf.flush();
    expect(IDS.map(t.stored)).toEqual([5000, 5001, 5002, 5003, 5004]);
  });

  it('close writes what is pending even when another connection holds the write lock for a moment', async () => {
    const t = await setup({ busyTimeoutMs: 100 });
    const { log, next } = recordingLog();
    const stores = createKyselyStores(t, { log });
    expect((await stores.sessions.touch(P, { sessionId: 's1' }, 5000))?.last_accessed_at).toBe(5000);
    t.lock();
    void next('warn').then(t.unlock); // the lock goes once close has found it taken
    await stores.close();
    t.destroyed();
    expect(t.stored('s1')).toBe(5000);
  });
});

describe('write-behind access times: writes that queue', () => {
  it('times recorded while a write waits for the connection stay visible (a read never goes back), and the newest is stored', async () => {
    const t = await setup();
    const { log } = recordingLog();
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { log, direct: t.direct, byRowid: true });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    // a transaction of this process holds the connection (another request's read-modify-write)
    const trx = t.db.transaction().execute(async (trx) => {
      await trx.selectFrom('projects').select('project_id').execute();
      holding();
      await gate;
    });
    await held;
    buf.record('s1', 5000);
    const first = buf.flush();
    buf.record('s1', 6000);
    const second = buf.flush();
    expect(buf.overlay('s1', 1000)).toBe(6000);
    await Promise.resolve();
    expect(buf.overlay('s1', 1000)).toBe(6000);
    release();
    await trx;
    await Promise.all([first, second]);
    expect(t.stored('s1')).toBe(6000);
    expect(buf.overlay('s1', 1000)).toBe(1000); // nothing left waiting
  });
});

describe('write-behind access times: small transactions', () => {
  it('a flush writes maxBatch rows per transaction and lets other work run between them', async () => {
    const t = await setup();
    const { log } = recordingLog();
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { maxBatch: 2, delayMs: 60_000, log, direct: t.direct, byRowid: true });
    IDS.forEach((id, i) => buf.record(id, 5000 + i));
    const written = () => IDS.filter((id) => t.stored(id) !== 1000).length;
    const flushed = buf.flush();
    // What a request arriving during the flush sees between two transactions: some rows committed, not all.
    const between: number[] = [];
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        between.push(written());
        resolve();
      }),
    );
    await flushed;
    expect(between[0]).toBeGreaterThanOrEqual(2);
    expect(between[0]).toBeLessThan(IDS.length);
    expect(IDS.map(t.stored)).toEqual([5000, 5001, 5002, 5003, 5004]);
    expect(buf.depth).toBe(0);
  });
});

describe('write-behind access times: SQLite writes through the rowid its read returned', () => {
  const rowidOf = (t: { file: string }, id: string) => {
    const db = new Database(t.file, { readonly: true });
    try {
      return (db.prepare('select rowid as r from sessions where session_id = ?').get(id) as { r: number }).r;
    } finally {
      db.close();
    }
  };

  it('the update finds the row by rowid, not through the session-id index', async () => {
    const t = await setup();
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { log: recordingLog().log, direct: t.direct, byRowid: true });
    const explain = new Database(t.file, { readonly: true });
    const params = Array.from(buf.updateSql.matchAll(/\?/g), () => null);
    const plan = (explain.prepare(`explain query plan ${buf.updateSql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    explain.close();
    // The outer update and the first lookup use the rowid; only the fallback (no rowid, or a stale one, which
    // SQLite's coalesce() evaluates only then) uses the id's index.
    expect(plan.filter((d) => d === 'SEARCH sessions USING INTEGER PRIMARY KEY (rowid=?)')).toHaveLength(2);
    expect(plan.filter((d) => /sqlite_autoindex_sessions_1/.test(d))).toEqual(['SEARCH sessions USING COVERING INDEX sqlite_autoindex_sessions_1 (session_id=?)']);
    expect(plan[0]).toBe('SEARCH sessions USING INTEGER PRIMARY KEY (rowid=?)');
  });

  it('a flush writes in rowid order (neighbours share leaf pages), touches without a rowid last', async () => {
    const t = await setup();
    const batches: string[][] = [];
    const direct = {
      one: t.direct.one,
      batch: (sqlText: string, lists: readonly (readonly unknown[])[]) => {
        batches.push(lists.map((params) => params.find((p): p is string => typeof p === 'string' && IDS.includes(p))!));
        return t.direct.batch(sqlText, lists);
      },
    };
    const buf = new TouchBuffer(t.db, 'sessions', 'session_id', { maxBatch: 2, delayMs: 60_000, log: recordingLog().log, direct, byRowid: true });
    buf.record('s3', 7000); // no rowid known
    for (const id of ['s5', 's1', 's4', 's2']) buf.record(id, 7000, rowidOf(t, id));
    await buf.flush();
    expect(batches).toEqual([['s1', 's2'], ['s4', 's5'], ['s3']]);
    expect(IDS.map(t.stored)).toEqual([7000, 7000, 7000, 7000, 7000]);
  });

  it('a store touch passes the rowid; a missing or stale rowid still writes the right session and no other', async () => {
    const t = await setup();
    const { log } = recordingLog();
    const stores = createKyselyStores(t, { log });
    const recorded = vi.spyOn(TouchBuffer.prototype, 'record');
    expect((await stores.sessions.touch(P, { tokenHash: 'th-s1' }, 5000))?.last_accessed_at).toBe(5000);
    // A session read by getLive (before an authorization check) and then touched keeps its rowid too.
    const live = await stores.sessions.getLive(P, { sessionId: 's2' }, 5000);
    stores.sessions.touchLoaded(live!, 5001);
    stores.sessions.touchLoaded({ ...live! }, 5002); // a copy the store did not read: by id
    expect(recorded.mock.calls).toEqual([
      ['s1', 5000, rowidOf(t, 's1')],
      ['s2', 5001, rowidOf(t, 's2')],
      ['s2', 5002, null],
    ]);
    recorded.mockRestore();
    await stores.close();
    t.destroyed();
    expect([t.stored('s1'), t.stored('s2')]).toEqual([5000, 5002]);

    const t2 = await setup();
    const buf = new TouchBuffer(t2.db, 'sessions', 'session_id', { log, direct: t2.direct, byRowid: true });
    buf.record('s2', 6000, rowidOf(t2, 's2'));
    buf.record('s3', 6001, rowidOf(t2, 's4')); // stale: names another session's row
    buf.record('s4', 6002); // unknown
    buf.record('s5', 6003, 999_999); // no such row
    await buf.flush();
    expect(IDS.map(t2.stored)).toEqual([1000, 6000, 6001, 6002, 6003]);
  });
});
