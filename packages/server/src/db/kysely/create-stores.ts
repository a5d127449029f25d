import type { Logger } from '../../log.js';
import { KyselyOpsStore } from './ops-store.js';
import type { Stores } from '../../store/stores.js';
import { LocalCacheEvents, type CacheEvents } from '../../store/cache-events.js';
import type { SqlDatabase } from './sql-database.js';
import { KyselyMemberSessionStore } from './b2b/member-session-store.js';
import { KyselyMemberStore } from './b2b/member-store.js';
import { KyselyOrganizationStore } from './b2b/organization-store.js';
import { KyselyRbacPolicyStore } from './b2b/rbac-policy-store.js';
import { KyselyKeyStore } from './key-store.js';
import { KyselyProjectStore } from './project-store.js';
import { KyselyServerMetaStore } from './server-meta-store.js';
import { KyselyProjectSdkStore } from './project-sdk-store.js';
import { KyselyProjectClockStore } from './project-clock-store.js';
import { KyselySessionStore } from './session-store.js';
import { KyselyUserStore } from './user-store.js';
import { KyselyRevocationStore } from './revocation-store.js';
import { KyselyOneTimeTokenStore } from './one-time-token-store.js';
import { KyselyOutboxStore } from './outbox-store.js';
import { KyselyRateLimitStore } from './rate-limit-store.js';
import { KyselyMailSettingsStore } from './mail-settings-store.js';
import { KyselyMailTemplateStore } from './mail-template-store.js';
import { KyselyAdminStore } from './admin-store.js';
import { KyselyAuditStore } from './audit-store.js';

/**
 * Makes `methods` of `store` call `notify` once they resolved: the in-process half of the revocation
 * feed's wake-up (streams also poll the database, for revocations by other processes).
 */
function notifying<T extends object>(store: T, methods: (keyof T & string)[], notify: () => void): T {
  for (const m of methods) {
    const original = store[m] as unknown as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(store, m, {
      value: async (...args: unknown[]) => {
        const result = await original.apply(store, args);
        notify();
        return result;
      },
    });
  }
  return store;
}

/**
 * Makes `methods` of `store` publish a cache event for the project (the first argument, or `project_id` of
 * it) once they resolved: another instance's cached copy is dropped (see store/cache-events.ts).
 */
function publishing<T extends object>(store: T, methods: (keyof T & string)[], topic: 'project' | 'sdk' | 'keys' | 'rbac', events: CacheEvents): T {
  for (const m of methods) {
    const original = store[m] as unknown as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(store, m, {
      value: async (...args: unknown[]) => {
        const result = await original.apply(store, args);
        const first = args[0];
        const projectId = typeof first === 'string' ? first : (first as { project_id?: unknown } | null)?.project_id;
        if (typeof projectId === 'string') await events.publish({ topic, projectId });
        return result;
      },
    });
  }
  return store;
}

/**
 * `log` receives write-behind failures (access times that could not be written yet, see touch-buffer.ts);
 * `events` is told of committed changes to what instances cache (secrets, public tokens, SDK settings,
 * signing keys, RBAC policies). Without it (a store test) nothing is published. Session writes are
 * compare-and-set on `version`, which needs no row lock on either database. `database.direct` (SQLite's
 * synchronous fast path) reaches the hot-path queries, and `database.changes` their read caches.
 */
export function createKyselyStores(database: SqlDatabase, options: { log: Logger; events?: CacheEvents }): Stores {
  const { db, direct, changes } = database;
  const events = options.events ?? new LocalCacheEvents();
  const sessions = new KyselySessionStore(db, options.log, direct, changes);
  const memberSessions = new KyselyMemberSessionStore(db, options.log, direct, changes);
  const revocations = new KyselyRevocationStore(db);
  const notify = () => revocations.notify();
  // Every path that ends a session before it expires: revoke by key, revoke all (password reset, member
  // delete and password reset via `members.update`), user and organization delete.
  notifying(sessions, ['revoke', 'revokeAllForUser'], notify);
  notifying(memberSessions, ['revoke', 'revokeAllForMember'], notify);
  return {
    projects: publishing(new KyselyProjectStore(db), ['addSecret', 'removeSecret', 'addPublicToken'], 'project', events),
    keys: publishing(new KyselyKeyStore(db), ['insert'], 'keys', events),
    users: notifying(new KyselyUserStore(db, direct, changes), ['delete', 'setPassword'], notify),
    sessions,
    revocations,
    // --- B2B ---
    organizations: notifying(new KyselyOrganizationStore(db, direct, changes), ['delete'], notify),
    members: notifying(new KyselyMemberStore(db, direct, changes), ['update'], notify),
    memberSessions,
    rbacPolicies: publishing(new KyselyRbacPolicyStore(db), ['set'], 'rbac', events),
    meta: new KyselyServerMetaStore(db),
    projectSdk: publishing(new KyselyProjectSdkStore(db), ['addOrigin', 'removeOrigin', 'updateSettings'], 'sdk', events),
    oneTimeTokens: new KyselyOneTimeTokenStore(db),
    outbox: new KyselyOutboxStore(db),
    rateLimits: new KyselyRateLimitStore(db),
    mailSettings: new KyselyMailSettingsStore(db),
    // --- test clock ---
    projectClocks: new KyselyProjectClockStore(db),
    mailTemplates: new KyselyMailTemplateStore(db),
    ops: new KyselyOpsStore(db, () => sessions.pendingTouches() + memberSessions.pendingTouches()),
    admins: new KyselyAdminStore(db),
    audit: new KyselyAuditStore(db),
    async close() {
      // Access times waiting in the write-behind buffer are written before the connection goes (retried for
      // a few seconds if another process holds the write lock).
      await Promise.all([sessions.drain(), memberSessions.drain()]);
      await db.destroy();
    },
  };
}
