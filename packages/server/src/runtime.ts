/**
 * `openRuntime(config)`: everything a Tessera process needs besides HTTP (master key, database with its
 * migrations applied, stores, key rings, password worker pool, project authenticator). The server and the
 * CLI commands share it; `close()` closes the database and terminates the password workers.
 *
 * The database is opened and inspected before any master key is created: a key is generated only for an
 * empty database, and a key that does not match the database's key check value is refused.
 *
 * @module
 */
import path from 'node:path';
import { systemClock, type Clock } from '@tessera/core';
import type { Config } from './config.js';
import { KeyRings } from './crypto/key-ring.js';
import {
  KEY_CHECK_NAME,
  createMasterKeyFile,
  describeMasterKeySource,
  keyCheckMatches,
  keyCheckValue,
  openPrivateKey,
  readMasterKey,
  type MasterKey,
} from './crypto/master-key.js';
import { PasswordPool } from './crypto/password/index.js';
import { createKyselyStores } from './db/kysely/create-stores.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import { ContextCache, type Deps } from './domain/context.js';
import { ProjectAuthenticator } from './domain/projects/project-auth.js';
import { ProjectClocks } from './domain/projects/test-clock/project-clocks.js';
import { warnIfOpenDir } from './file-modes.js';
import { createLogger, type Logger } from './log.js';
import { StartupRefusal, reportToStderr, type Report } from './refusal.js';
import type { Stores } from './store/stores.js';
import { outboxOnly, type MailDelivery } from './domain/mail/message.js';
import { AuditLog } from './domain/audit/audit-log.js';
import { RbacPolicyCache } from './domain/b2b/rbac/policy-cache.js';
import { NO_OBSERVER, type DomainObserver } from './domain/observer.js';
import type { QueryTimer } from './db/kysely/query-timer.js';

export interface Runtime {
  readonly deps: Deps;
  readonly projectAuth: ProjectAuthenticator;
  /** Names of the migrations applied by this start. */
  readonly migrated: string[];
  readonly masterKeyCreated: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Accept a master key file that group or others can access, with a warning instead of a refusal
   * (`tessera start --force`). It never overrides a wrong or missing key.
   */
  readonly force?: boolean;
  /** Where warnings and notices go, one line each (default: stderr, prefixed `tessera: `). */
  readonly report?: Report;
  /**
   * Receives what the stores report off the request path (write-behind failures); the server passes its
   * own logger, the CLI commands get one on stderr at the configured level.
   */
  readonly log?: Logger;
  /** How queued mail is delivered (default: kept in the local outbox). */
  readonly mail?: MailDelivery;
  /** Where the domain reports lockouts and JWT signing times (the server's metrics; default: nowhere). */
  readonly observe?: DomainObserver;
  /** Receives each database query's duration in seconds (the server's metrics; default: nothing is timed). */
  readonly onQuery?: QueryTimer;
}

export async function openRuntime(config: Config, clock: Clock = systemClock, opts: OpenOptions = {}): Promise<Runtime> {
  const report = opts.report ?? reportToStderr;
  const log = opts.log ?? createLogger(config.logLevel, process.stderr);
  const source = config.masterKey;
  // Refusals that need no database come first (a missing TESSERA_MASTER_KEY_FILE, a key file others can read).
  if (!config.databaseUrl.startsWith('sqlite:') && source.kind === 'data-dir') {
    // Several instances share a PostgreSQL database: a <dataDir>/master.key made by one would differ from
    // another's, and each would lock the other out.
    throw new StartupRefusal(
      'master key required: with PostgreSQL set TESSERA_MASTER_KEY (64 hex characters, `openssl rand -hex 32`) or ' +
        'TESSERA_MASTER_KEY_FILE, the same for every instance sharing the database',
    );
  }
  const configured = readMasterKey(source, { force: opts.force ?? false, report });
  const database = await openDatabase(config.databaseUrl, {
    report,
    log,
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    sqliteMmapMib: config.sqliteMmapMib,
    sqliteReadCacheEntries: config.sqliteReadCacheEntries,
    onQuery: opts.onQuery,
  });
  const dbName = database.file ?? database.describe;
  let result;
  try {
    result = await migrate(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  if (result.error) {
    await database.close();
    throw new Error(`database migration failed (nothing was applied): ${String(result.error)}`, { cause: result.error });
  }
  const stores = createKyselyStores(database, { log, events: database.events });
  const closeDatabase = async () => {
    await stores.close();
    await database.close();
  };
  let master: MasterKey;
  let created = false;
  try {
    ({ master, created } = await checkMasterKey(stores, configured, { source, dbFile: dbName }));
  } catch (err) {
    await closeDatabase();
    throw err;
  }
  // The directories are the operator's (perhaps made before the first start): a warning, not a change.
  const dirs = new Set<string>();
  if (database.file !== null && database.file !== ':memory:') dirs.add(path.dirname(path.resolve(database.file)));
  if (source.kind === 'data-dir') dirs.add(path.dirname(source.path));
  for (const dir of dirs) warnIfOpenDir(dir, report);
  // Its workers start with `start()` (the server, before listening) or the first password job.
  const passwordPool = new PasswordPool({
    workers: config.passwordWorkers,
    queuePerProject: config.passwordQueuePerProject,
    queueTotal: config.passwordQueueTotal,
  });
  // Key activation and retirement run on each project's time (a test project's test clock, issue #16).
  const clocks = new ProjectClocks(stores.projectClocks, clock);
  const keys = new KeyRings(master, (projectId) => clocks.now(projectId));
  clocks.onMovedBack((projectId) => keys.invalidate(projectId));
  const projectAuth = new ProjectAuthenticator(stores.projects, clock);
  const rbacPolicies = new RbacPolicyCache(stores.rbacPolicies, clock);
  // Another instance rotated a key, changed a secret or replaced an RBAC policy (LISTEN/NOTIFY over
  // PostgreSQL): drop the cached copy.
  const unsubscribe = database.events.subscribe((e) => {
    if (e.topic === 'all') {
      keys.invalidateAll();
      projectAuth.invalidateAll();
      rbacPolicies.invalidateAll();
    } else if (e.topic === 'keys') keys.invalidate(e.projectId);
    else if (e.topic === 'project') projectAuth.invalidate(e.projectId);
    else if (e.topic === 'rbac') rbacPolicies.invalidate(e.projectId);
  });
  const deps: Deps = {
    stores,
    clock,
    clocks,
    keys,
    rbacPolicies,
    master,
    passwordPool,
    policy: {
      keyActivationDelaySeconds: config.keyActivationDelaySeconds,
      lockout: {
        threshold: config.lockoutThreshold,
        windowMs: config.lockoutWindowSeconds * 1000,
        lockMs: config.lockoutSeconds * 1000,
      },
      rateLimits: { endpoint: config.rateLimitEndpoint, identifier: config.rateLimitIdentifier },
    },
    mail: opts.mail ?? outboxOnly,
    events: database.events,
    contexts: new ContextCache(),
    observe: opts.observe ?? NO_OBSERVER,
    audit: new AuditLog(stores.audit, clock, log),
  };
  return {
    deps,
    projectAuth,
    migrated: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    masterKeyCreated: created,
    close: async () => {
      unsubscribe();
      // Audit entries still queued are written before the database closes.
      await deps.audit.flush();
      await Promise.all([closeDatabase(), passwordPool.close()]);
    },
  };
}

/**
 * Matches the master key against the database's key check value, recording one when there is none yet:
 * for an empty database (a key is created first when `<dataDir>/master.key` is missing), and for a database
 * of an earlier version once a stored signing key has opened with the key. Anything else is refused.
 */
async function checkMasterKey(
  stores: Stores,
  configured: MasterKey | null,
  where: { source: Config['masterKey']; dbFile: string },
): Promise<{ master: MasterKey; created: boolean }> {
  const stored = await stores.meta.get(KEY_CHECK_NAME);
  const projects = await stores.projects.list();
  const hasData = stored !== null || projects.length > 0;
  const what = describeMasterKeySource(where.source);
  const wrongKey = () =>
    new StartupRefusal(
      `wrong master key: the key from ${what} is not the one the database ${where.dbFile} was set up with; ` +
        'start with that key (restore it from where you keep it), or use another database',
    );

  let master = configured;
  let created = false;
  if (!master) {
    if (hasData) {
      throw new StartupRefusal(
        `master key missing: ${what} does not exist and the database ${where.dbFile} already holds data; ` +
          'restore the key file (or set TESSERA_MASTER_KEY or TESSERA_MASTER_KEY_FILE); ' +
          'a new key is never made over existing data, since it would lose every session and signing key',
      );
    }
    if (where.source.kind !== 'data-dir') throw new Error('only <dataDir>/master.key can be missing here');
    ({ key: master, created } = createMasterKeyFile(where.source.path));
  }

  if (stored !== null) {
    if (!keyCheckMatches(master, stored)) throw wrongKey();
    return { master, created };
  }
  // A database of an earlier version holds no check value: the key must open one of its signing keys first.
  for (const project of projects) {
    const [key] = await stores.keys.list(project.project_id);
    if (!key) continue;
    try {
      openPrivateKey(master, key.project_id, key.private_key);
    } catch {
      throw wrongKey();
    }
    break;
  }
  // First writer wins: another process that recorded another key's value a moment ago makes this one refuse.
  if (!keyCheckMatches(master, await stores.meta.putIfAbsent(KEY_CHECK_NAME, keyCheckValue(master)))) throw wrongKey();
  return { master, created };
}
