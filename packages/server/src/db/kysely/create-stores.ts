import type { Kysely } from 'kysely';
import type { Stores } from '../../store/stores.js';
import type { Database } from '../schema.js';
import { KyselyMemberSessionStore } from './b2b/member-session-store.js';
import { KyselyMemberStore } from './b2b/member-store.js';
import { KyselyOrganizationStore } from './b2b/organization-store.js';
import { KyselyRbacPolicyStore } from './b2b/rbac-policy-store.js';
import { KyselyKeyStore } from './key-store.js';
import { KyselyProjectStore } from './project-store.js';
import { KyselyProjectSdkStore } from './project-sdk-store.js';
import { KyselySessionStore } from './session-store.js';
import { KyselyUserStore } from './user-store.js';

export function createKyselyStores(db: Kysely<Database>, options: { lockRows: boolean }): Stores {
  const sessions = new KyselySessionStore(db, options.lockRows);
  const memberSessions = new KyselyMemberSessionStore(db, options.lockRows);
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
    projectSdk: new KyselyProjectSdkStore(db),
    async close() {
      // Access times waiting in the write-behind buffer are written before the connection goes.
      await Promise.all([sessions.flush(), memberSessions.flush()]);
      await db.destroy();
    },
  };
}
