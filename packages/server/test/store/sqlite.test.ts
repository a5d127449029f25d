import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { describe, expect, it } from 'vitest';
import { defineStoreConformance } from './conformance.js';
import { createLogger } from '../../src/log.js';

/** Write-behind failures show on stderr. */
const log = createLogger('warn', process.stderr);

defineStoreConformance('SQLite (file, WAL)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-store-'));
  const opened = openSqlite(path.join(dir, 'test.db'));
  const result = await migrate(opened.db);
  if (result.error) throw result.error;
  const stores = createKyselyStores(opened, { log });
  return {
    stores,
    async close() {
      await stores.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('write-behind access times (SQLite file)', () => {
  it('a touch is visible at once through the store and stored by the flush on close; times never go backwards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-touch-'));
    const file = path.join(dir, 'test.db');
    const open = async () => {
      const opened = openSqlite(file);
      await migrate(opened.db);
      return createKyselyStores(opened, { log });
    };
    const P = 'project-test-00000000-0000-4000-8000-00000000000a';
    let s = await open();
    await s.projects.create({ project_id: P, env: 'test', name: 'p', created_at: 1 }, { secret_id: 's', project_id: P, secret_hash: 'h', last_four: 'x', created_at: 1 }, 'public-token-test-x');
    await s.users.insert({
      user: { user_id: 'u1', project_id: P, external_id: null, status: 'active', name: { first_name: '', middle_name: '', last_name: '' }, trusted_metadata: {}, untrusted_metadata: {}, roles: [], created_at: 1, password: null, failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null },
      emails: [],
      phones: [],
    });
    await s.sessions.insert({ session_id: 's1', project_id: P, user_id: 'u1', token_hash: 'th', token_salt: 'x', started_at: 1000, last_accessed_at: 1000, expires_at: 10_000, revoked_at: null, attributes: { ip_address: '', user_agent: '' }, factors: [], custom_claims: {}, version: 0 });
    expect((await s.sessions.touch(P, { tokenHash: 'th' }, 5000))?.last_accessed_at).toBe(5000);
    expect((await s.sessions.touch(P, { sessionId: 's1' }, 4000))?.last_accessed_at).toBe(5000); // never backwards
    expect((await s.sessions.getLive(P, { sessionId: 's1' }, 5000))?.last_accessed_at).toBe(5000);
    expect((await s.sessions.listLive(P, 'u1', 5000))[0]?.last_accessed_at).toBe(5000);
    await s.close();
    s = await open();
    expect((await s.sessions.getLive(P, { sessionId: 's1' }, 5000))?.last_accessed_at).toBe(5000);
    // a revoked session is not touched
    await s.sessions.revoke(P, { sessionId: 's1' }, 6000);
    expect(await s.sessions.touch(P, { tokenHash: 'th' }, 7000)).toBeNull();
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
