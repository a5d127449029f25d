/**
 * `openRuntime(config)`: everything a Tessera process needs besides HTTP (master key, database with its
 * migrations applied, stores, key rings, project authenticator). The server and the CLI commands share it.
 *
 * @module
 */
import { systemClock, type Clock } from '@tessera/core';
import type { Config } from './config.js';
import { KeyRings } from './crypto/key-ring.js';
import { loadMasterKey } from './crypto/master-key.js';
import { createKyselyStores } from './db/kysely/create-stores.js';
import { migrate } from './db/migrate.js';
import { openSqlite } from './db/sqlite/open.js';
import type { Deps } from './domain/context.js';
import { ProjectAuthenticator } from './domain/projects/project-auth.js';
import { createLogger, type Logger } from './log.js';

export interface Runtime {
  readonly deps: Deps;
  readonly projectAuth: ProjectAuthenticator;
  /** Names of the migrations applied by this start. */
  readonly migrated: string[];
  readonly masterKeyCreated: boolean;
  close(): Promise<void>;
}

/**
 * `log` receives what the stores report off the request path (write-behind failures); the server passes its
 * own logger, the CLI commands get one on stderr at the configured level.
 */
export async function openRuntime(config: Config, clock: Clock = systemClock, log: Logger = createLogger(config.logLevel, process.stderr)): Promise<Runtime> {
  const { key: master, created } = loadMasterKey(config.masterKey, config.dataDir);
  const db = openSqlite(config.databaseUrl.slice('sqlite:'.length));
  const result = await migrate(db);
  if (result.error) {
    await db.destroy();
    throw new Error(`database migration failed (nothing was applied): ${String(result.error)}`, { cause: result.error });
  }
  const stores = createKyselyStores(db, { lockRows: false, log });
  const deps: Deps = {
    stores,
    clock,
    keys: new KeyRings(stores.keys, master, clock),
    master,
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
    close: () => stores.close(),
  };
}
