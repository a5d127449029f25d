/**
 * Migration 0013 over SQLite, on a database that already has users: the contact reads by user (every session
 * authenticate) are answered from the index alone, and return what they did before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import { migrate, migrator } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { createLogger } from '../../src/log.js';

const log = createLogger('warn', process.stderr);
const P = 'project-test-00000000-0000-4000-8000-0000000000b1';
const BEFORE = '0012_audit_log';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A database file migrated up to `BEFORE`, with a project, two users (emails, a phone) and their sessions. */
async function databaseBefore0013(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-0013-'));
  dirs.push(dir);
  const file = path.join(dir, 'test.db');
  const opened = openSqlite(file);
  expect(Object.keys(migrations).sort().indexOf(BEFORE)).toBe(Object.keys(migrations).sort().indexOf('0013_contacts_by_user') - 1);
  const result = await migrator(opened.db).migrateTo(BEFORE);
  if (result.error) throw result.error;
  const s = createKyselyStores(opened, { log });
  await s.projects.create({ project_id: P, env: 'test', name: 'p', created_at: 1 }, { secret_id: 's', project_id: P, secret_hash: 'h', last_four: 'x', created_at: 1 }, 'public-token-test-0013');
  for (const n of [1, 2]) {
    await s.users.insert({
      user: { user_id: `u${n}`, project_id: P, external_id: null, status: 'active', name: { first_name: `F${n}`, middle_name: '', last_name: '' }, trusted_metadata: { n }, untrusted_metadata: {}, roles: [], created_at: n, password: null, failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null },
      emails: [
        { email_id: `e${n}b`, email: `b${n}@example.com`, verified: false, created_at: 20 },
        { email_id: `e${n}a`, email: `a${n}@example.com`, verified: true, created_at: 10 },
      ],
      phones: n === 1 ? [{ phone_id: 'p1', phone_number: '+15555550101', verified: true, created_at: 15 }] : [],
    });
    await s.sessions.insert({ session_id: `s${n}`, project_id: P, user_id: `u${n}`, token_hash: `th${n}`, token_salt: 'x', started_at: 1000, last_accessed_at: 1000, expires_at: 10_000, revoked_at: null, attributes: { ip_address: '', user_agent: '' }, factors: [], custom_claims: { c: n }, version: 0 });
  }
  await s.close();
  return file;
}

const plan = async (db: Kysely<unknown>, query: string) =>
  (await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(db)).rows.map((r) => r.detail).join('; ');

describe('migration 0013 (SQLite): contacts by user from their index', () => {
  it('keeps every contact, and the read by user no longer visits the tables', async () => {
    const file = await databaseBefore0013();
    const opened = openSqlite(file);
    const db = opened.db as unknown as Kysely<unknown>;
    const contacts = () =>
      plan(
        db,
        `select email_id as id, email, verified, created_at, user_id from user_emails where user_id = 'x' union all select phone_id, phone_number, verified, created_at, user_id from user_phones where user_id = 'x' order by created_at, id`,
      );
    expect(await contacts()).not.toMatch(/COVERING/);

    const result = await migrate(opened.db);
    expect(result.error).toBeUndefined();
    expect(result.results?.map((r) => `${r.migrationName} ${r.status}`)).toEqual(['0013_contacts_by_user Success']);
    expect(await contacts()).toMatch(/user_emails USING COVERING INDEX user_emails_user \(user_id=\?\)/);
    expect(await contacts()).toMatch(/user_phones USING COVERING INDEX user_phones_user \(user_id=\?\)/);
    expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]!.integrity_check).toBe('ok');

    const s = createKyselyStores(opened, { log });
    const u1 = await s.users.get(P, 'u1');
    expect(u1?.name.first_name).toBe('F1');
    expect(u1?.emails.map((e) => [e.email_id, e.email, e.verified])).toEqual([
      ['e1a', 'a1@example.com', true],
      ['e1b', 'b1@example.com', false],
    ]);
    expect(u1?.phones.map((p) => [p.phone_id, p.phone_number, p.verified])).toEqual([['p1', '+15555550101', true]]);
    expect((await s.users.get(P, 'u2'))?.phones).toEqual([]);
    // Deleting a user still finds its contacts by user.
    expect(await s.users.delete(P, 'u1')).toBe(true);
    expect((await sql<{ n: number }>`select count(*) as n from user_emails where user_id = 'u1'`.execute(db)).rows[0]!.n).toBe(0);
    await s.close();
  });
});
