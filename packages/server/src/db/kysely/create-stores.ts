import type { Kysely } from 'kysely';
import type { Logger } from '../../log.js';
import type { Stores } from '../../store/stores.js';
import type { Database } from '../schema.js';
import { KyselyMemberSessionStore } from './b2b/member-session-store.js';
import { KyselyMemberStore } from './b2b/member-store.js';
import { KyselyOrganizationStore } from './b2b/organization-store.js';
import { KyselyRbacPolicyStore } from './b2b/rbac-policy-store.js';
import { KyselyKeyStore } from './key-store.js';
import { KyselyProjectStore } from './project-store.js';
import { KyselyServerMetaStore } from './server-meta-store.js';
import { KyselySessionStore } from './session-store.js';
import { KyselyUserStore } from './user-store.js';

/** `log` receives write-behind failures (access times that could not be written yet, see touch-buffer.ts). */
export function createKyselyStores(db: Kysely<Database>, options: { lockRows: boolean; log: Logger }): Stores {
  const sessions = new KyselySessionStore(db, options.lockRows, options.log);
  const memberSessions = new KyselyMemberSessionStore(db, options.lockRows, options.log);
  return {
    projects: new KyselyProjectStore(db),
    keys: new KyselyKeyStore(db),
    users: new KyselyUserStore(db),
    sessions,
    // --- B2B ---
    organizations: new KyselyOrganizationStore(db),
    members: new KyselyMemberStore(db),
    memberSessions,
    rbacPolicies: new KyselyRbacPolicyStore(db),
    meta: new KyselyServerMetaStore(db),
    async close() {
      // Access times waiting in the write-behind buffer are written before the connection goes (retried for
      // a few seconds if another process holds the write lock).
      await Promise.all([sessions.drain(), memberSessions.drain()]);
      await db.destroy();
    },
  };
}
