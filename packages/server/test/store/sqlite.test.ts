import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKyselyStores } from '../../src/db/kysely/create-stores.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { defineStoreConformance } from './conformance.js';

defineStoreConformance('SQLite (file, WAL)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-store-'));
  const db = openSqlite(path.join(dir, 'test.db'));
  const result = await migrate(db);
  if (result.error) throw result.error;
  const stores = createKyselyStores(db, { lockRows: false });
  return {
    stores,
    async close() {
      await stores.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
