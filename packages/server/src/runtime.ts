/**
 * `openRuntime(config)`: everything a Tessera process needs besides HTTP (master key, database with its
 * migrations applied, stores, key rings, password worker pool, project authenticator). The server and the
 * CLI commands share it; `close()` closes the database and terminates the password workers.
 *
 * @module
 */
import { systemClock, type Clock } from '@tessera/core';
import type { Config } from './config.js';
import { KeyRings } from './crypto/key-ring.js';
import { loadMasterKey } from './crypto/master-key.js';
import { PasswordPool } from './crypto/password/index.js';
import { createKyselyStores } from './db/kysely/create-stores.js';
import { migrate } from './db/migrate.js';
import { openSqlite } from './db/sqlite/open.js';
import type { Deps } from './domain/context.js';
import { ProjectAuthenticator } from './domain/projects/project-auth.js';

export interface Runtime {
  readonly deps: Deps;
  readonly projectAuth: ProjectAuthenticator;
  /** Names of the migrations applied by this start. */
  readonly migrated: string[];
  readonly masterKeyCreated: boolean;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  const { key: master, created } = loadMasterKey(config.masterKey, config.dataDir);
  const db = openSqlite(config.databaseUrl.slice('sqlite:'.length));
  const result = await migrate(db);
  if (result.error) {
    await db.destroy();
    throw new Error(`database migration failed (nothing was applied): ${String(result.error)}`, { cause: result.error });
  }
  const stores = createKyselyStores(db, { lockRows: false });
  // Its workers start with `start()` (the server, before listening) or the first password job.
  const passwordPool = new PasswordPool({
    workers: config.passwordWorkers,
    queuePerProject: config.passwordQueuePerProject,
    queueTotal: config.passwordQueueTotal,
  });
  const deps: Deps = {
    stores,
    clock,
    keys: new KeyRings(stores.keys, master, clock),
    master,
    passwordPool,
    policy: {
      keyActivationDelaySeconds: config.keyActivationDelaySeconds,
      lockout: {
        threshold: config.lockoutThreshold,
        windowMs: config.lockoutWindowSeconds * 1000,
        lockMs: config.lockoutSeconds * 1000,
      },
    },
  };
  return {
    deps,
    projectAuth: new ProjectAuthenticator(stores.projects, clock),
    migrated: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    masterKeyCreated: created,
    close: async () => {
      await Promise.all([stores.close(), passwordPool.close()]);
    },
  };
}
