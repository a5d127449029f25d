/**
 * The hot path's read caches over a real SQLite file (db/kysely/read-cache.ts, db/sqlite/change-feed.ts):
 * a hit reads nothing, and whatever changes a cached row, through the stores, through a transaction, or
 * through another connection on the file (the CLI), is what the next read answers. Queries are counted
 * with the driver's query timer, which sees every statement the stores run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import type { KyselySessionStore } from '../../src/db/kysely/session-store.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import type { SessionRecord, UserRecord } from '../../src/store/records.js';

const P = 'project-test-00000000-0000-4000-8000-00000000000c';
const log = { info() {}, warn() {}, error() {} };
const FAR = 1e13;

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The next turn of the event loop: the driver's read snapshot of this one has ended. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function session(id: string, expiresAt = FAR): SessionRecord {
  return {
    session_id: id,
    project_id: P,
    user_id: 'u1',
    token_hash: `th-${id}`,
    token_salt: 'x',
    started_at: 1000,
    last_accessed_at: 1000,
    expires_at: expiresAt,
    revoked_at: null,
    attributes: { ip_address: '', user_agent: '' },
    factors: [],
    custom_claims: { plan: 'pro' },
    version: 0,
  };
}

/** A migrated file with user u1 (one email) and sessions s1, s2 (s2 expires at 5,000); another connection on it. */
async function setup(opts: { readCacheEntries?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-read-cache-'));
  const file = path.join(dir, 'test.db');
  const queries = { count: 0 };
  const opened = openSqlite(file, { onQuery: () => queries.count++, ...opts });
  await migrate(opened.db);
  const stores = createKyselyStores(opened, { log });
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => stores.close());
  await stores.projects.create({ project_id: P, env: 'test', name: 'p', created_at: 1 }, { secret_id: 's', project_id: P, secret_hash: 'h', last_four: 'x', created_at: 1 }, 'public-token-test-c');
  await stores.users.insert({
    user: { user_id: 'u1', project_id: P, external_id: null, status: 'active', name: { first_name: 'Ada', middle_name: '', last_name: '' }, trusted_metadata: { tier: 1 }, untrusted_metadata: {}, roles: [], created_at: 1, password: null, failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null },
    emails: [{ email_id: 'e1', email: 'ada@example.com', verified: true, created_at: 1 }],
    phones: [],
  });
  await stores.sessions.insert(session('s1'));
  await stores.sessions.insert(session('s2', 5000));
  const other = new Database(file);
  other.pragma('busy_timeout = 5000');
  cleanup.push(() => void other.close());
  /** Queries run by `f`. */
  const counted = async <T>(f: () => Promise<T>): Promise<{ value: T; queries: number }> => {
    const before = queries.count;
    const value = await f();
    return { value, queries: queries.count - before };
  };
  /** The authenticate path's two reads: the live session by token hash, then its user. */
  const authenticate = (id: string, now: number) =>
    counted(async () => {
      const s = await stores.sessions.touch(P, { tokenHash: `th-${id}` }, now);
      return { session: s, user: s && (await stores.users.get(P, s.user_id)) };
    });
  return { opened, stores, other, counted, authenticate };
}

describe('read caches (SQLite)', () => {
  it('a second authenticate of the same session reads nothing, and answers the same records', async () => {
    const { authenticate } = await setup();
    const first = await authenticate('s1', 2000);
    expect(first.queries).toBeGreaterThanOrEqual(3); // session; user and contacts
    const second = await authenticate('s1', 3000);
    expect(second.queries).toBe(0);
    expect(second.value.session).toEqual({ ...first.value.session, last_accessed_at: 3000 });
    expect(second.value.user).toEqual(first.value.user);
    expect(second.value.user!.emails.map((e) => e.email)).toEqual(['ada@example.com']);
  });

  it('a hit is checked against the time: an expired session is not found', async () => {
    const { authenticate } = await setup();
    expect((await authenticate('s2', 2000)).value.session?.session_id).toBe('s2');
    expect((await authenticate('s2', 5000)).value.session).toBeNull();
  });

  it('a session revoked through the stores is not found by the very next read', async () => {
    const { stores, authenticate } = await setup();
    await authenticate('s1', 2000);
    await stores.sessions.revoke(P, { sessionId: 's1' }, 2500);
    expect((await authenticate('s1', 3000)).value.session).toBeNull();
    await authenticate('s2', 2000);
    await stores.sessions.revokeAllForUser(P, 'u1', 2600);
    expect((await authenticate('s2', 3000)).value.session).toBeNull();
  });

  it('a compare-and-set (extension, claims) drops the entry; the next read has the new state', async () => {
    const { stores, authenticate } = await setup();
    const { session: s } = (await authenticate('s1', 2000)).value;
    const next = { last_accessed_at: 2100, expires_at: 9e12, custom_claims: { plan: 'team' }, factors: [] };
    expect(await stores.sessions.compareAndSet(P, 's1', s!.version, next, 2100)).not.toBeNull();
    const again = await authenticate('s1', 2200);
    expect(again.queries).toBeGreaterThan(0);
    expect(again.value.session).toMatchObject({ expires_at: 9e12, custom_claims: { plan: 'team' }, version: 1 });
  });

  it('the write-behind flush of access times keeps the entry, and a hit carries the newest time', async () => {
    const { stores, other, authenticate } = await setup();
    await authenticate('s1', 2000);
    await (stores.sessions as KyselySessionStore).drain();
    expect(other.prepare('select last_accessed_at from sessions where session_id = ?').pluck().get('s1')).toBe(2000);
    await nextTurn(); // not another connection's commit: data_version ignores checkpoints and reads
    const after = await stores.sessions.getLive(P, { tokenHash: 'th-s1' }, 2500);
    expect(after?.last_accessed_at).toBe(2000);
    expect((await authenticate('s1', 3000)).queries).toBe(0);
    // A record read with getLive and touched afterwards (the authorization-check path) moves the entry's time too.
    const loaded = await stores.sessions.getLive(P, { tokenHash: 'th-s1' }, 3500);
    stores.sessions.touchLoaded(loaded!, 3600);
    await (stores.sessions as KyselySessionStore).drain();
    expect((await stores.sessions.getLive(P, { tokenHash: 'th-s1' }, 3700))?.last_accessed_at).toBe(3600);
  });

  it('user changes through the stores are seen at once: update, a new email, delete', async () => {
    const { stores, authenticate } = await setup();
    await authenticate('s1', 2000);
    await stores.users.update(P, 'u1', { name: { first_name: 'Grace', middle_name: '', last_name: '' } });
    expect((await authenticate('s1', 2100)).value.user?.name.first_name).toBe('Grace');
    await stores.users.addEmail(P, 'u1', { email_id: 'e2', email: 'grace@example.com', verified: false, created_at: 2 });
    expect((await authenticate('s1', 2200)).value.user?.emails.map((e) => e.email)).toEqual(['ada@example.com', 'grace@example.com']);
    await stores.users.markEmailVerified(P, 'e2');
    expect((await authenticate('s1', 2300)).value.user?.emails[1]?.verified).toBe(true);
    await stores.users.delete(P, 'u1', 2400);
    const gone = await authenticate('s1', 2500);
    expect(gone.value.session).toBeNull();
    expect(await stores.users.get(P, 'u1')).toBeNull();
  });

  it('what another connection commits (the CLI) is seen from the next turn of the event loop', async () => {
    const { other, authenticate } = await setup();
    await authenticate('s1', 2000);
    other.prepare("update users set first_name = 'Edsger' where user_id = 'u1'").run();
    await nextTurn();
    const renamed = await authenticate('s1', 2100);
    expect(renamed.queries).toBeGreaterThan(0);
    expect(renamed.value.user?.name.first_name).toBe('Edsger');
    other.prepare('update sessions set revoked_at = 2150 where session_id = ?').run('s1');
    await nextTurn();
    expect((await authenticate('s1', 2200)).value.session).toBeNull();
  });

  it('while a transaction holds the connection a read waits for it, and answers what it committed (or not)', async () => {
    const { opened, stores, authenticate } = await setup();
    await authenticate('s1', 2000);
    let read: Promise<UserRecord | null> | undefined;
    await opened.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ first_name: 'Barbara' }).where('user_id', '=', 'u1').execute();
      read = stores.users.get(P, 'u1');
      await nextTurn();
    });
    expect((await read)?.name.first_name).toBe('Barbara');
    await expect(
      opened.db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ first_name: 'Rolled back' }).where('user_id', '=', 'u1').execute();
        read = stores.users.get(P, 'u1');
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await read)?.name.first_name).toBe('Barbara');
    expect((await authenticate('s1', 2100)).value.user?.name.first_name).toBe('Barbara');
  });

  it('cached records are frozen; the session record a caller gets is its own', async () => {
    const { authenticate } = await setup();
    await authenticate('s1', 2000);
    const { session: s, user } = (await authenticate('s1', 3000)).value;
    expect(Object.isFrozen(user)).toBe(true);
    expect(Object.isFrozen(user!.emails[0])).toBe(true);
    expect(Object.isFrozen(s)).toBe(false);
    expect(Object.isFrozen(s!.custom_claims)).toBe(true);
    s!.last_accessed_at = 1;
    expect((await authenticate('s1', 3000)).value.session?.last_accessed_at).toBe(3000);
  });

  it('each cache keeps at most TESSERA_SQLITE_READ_CACHE records, the oldest making room; 0 caches nothing', async () => {
    const one = await setup({ readCacheEntries: 1 });
    await one.authenticate('s1', 2000);
    expect((await one.authenticate('s1', 2100)).queries).toBe(0);
    await one.authenticate('s2', 2200); // takes the session cache's one place
    expect((await one.authenticate('s1', 2300)).queries).toBe(1); // the session read again; the user still cached
    const none = await setup({ readCacheEntries: 0 });
    expect(none.opened.changes).toBeUndefined();
    await none.authenticate('s1', 2000);
    expect((await none.authenticate('s1', 2100)).queries).toBeGreaterThanOrEqual(3);
  });
});
