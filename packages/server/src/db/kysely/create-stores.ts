import type { Kysely } from 'kysely';
import type { Stores } from '../../store/stores.js';
import type { Database } from '../schema.js';
import { KyselyKeyStore } from './key-store.js';
import { KyselyProjectStore } from './project-store.js';
import { KyselySessionStore } from './session-store.js';
import { KyselyUserStore } from './user-store.js';

export function createKyselyStores(db: Kysely<Database>, options: { lockRows: boolean }): Stores {
  return {
    projects: new KyselyProjectStore(db),
    keys: new KyselyKeyStore(db),
    users: new KyselyUserStore(db),
    sessions: new KyselySessionStore(db, options.lockRows),
    close: () => db.destroy(),
  };
}
