/**
 * `loadConfig(env)`: the only reader of Tessera's settings. It parses every variable, reports every
 * problem at once, and returns a frozen object. Only the CLI entry point passes `process.env` in.
 *
 * @module
 */
import os from 'node:os';
import path from 'node:path';

export interface Config {
  readonly host: string;
  readonly port: number;
  /** `sqlite:<path>` (default `sqlite:./.tessera/tessera.db`) or `postgres://...` (a later issue). */
  readonly databaseUrl: string;
  /** Directory of the default SQLite file and `master.key`. */
  readonly dataDir: string;
  /** 32 bytes from `TESSERA_MASTER_KEY`, or undefined to use/generate `<dataDir>/master.key`. */
  readonly masterKey: Uint8Array | undefined;
  readonly seedProject:
    | { readonly projectId: string; readonly secret: string | undefined; readonly publicToken: string | undefined }
    | undefined;
  readonly allowedOrigins: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body in bytes. */
  readonly bodyLimit: number;
  /** Delay between `keys rotate` and the new key signing, so verifiers can fetch it first. */
  readonly keyActivationDelaySeconds: number;
  /** Failed password attempts within `lockoutWindowSeconds` that lock a user for `lockoutSeconds`. */
  readonly lockoutThreshold: number;
  readonly lockoutWindowSeconds: number;
  readonly lockoutSeconds: number;
  /**
   * Worker threads for password hashing (`TESSERA_PASSWORD_WORKERS`). Default: one per core but one, at
   * least one (`defaultPasswordWorkers`), so a login storm leaves a core to the event loop and to JWT signing.
   */
  readonly passwordWorkers: number;
  /** Password jobs one project may have waiting before it gets 429 `too_many_requests` (default 64). */
  readonly passwordQueuePerProject: number;
  /** Password jobs all projects together may have waiting (default 1024). */
  readonly passwordQueueTotal: number;
}

/**
 * max(1, cores - 1). Password work is CPU-bound and a worker uses a whole core while it hashes; the event
 * loop, and libuv's threadpool that signs the JWTs, need the remaining one. On a 2-core machine that is one
 * worker: logins queue behind each other (fairly, per project) rather than against session authentication.
 */
export function defaultPasswordWorkers(cores = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Tessera configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Record<string, string | undefined>, cwd = '.'): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const host = env.TESSERA_HOST || '127.0.0.1';
  const port = int('TESSERA_PORT', 4000, 0, 65535);
  const dataDir = path.resolve(cwd, env.TESSERA_DATA_DIR || '.tessera');
  const databaseUrl = env.TESSERA_DATABASE_URL || `sqlite:${path.join(dataDir, 'tessera.db')}`;
  if (!databaseUrl.startsWith('sqlite:') && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`TESSERA_DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
  } else if (!databaseUrl.startsWith('sqlite:')) {
    problems.push('TESSERA_DATABASE_URL: PostgreSQL is not supported by this version yet; use sqlite:<path>');
  }

  let masterKey: Uint8Array | undefined;
  const mk = env.TESSERA_MASTER_KEY;
  if (mk !== undefined && mk !== '') {
    if (!/^[0-9a-fA-F]{64}$/.test(mk)) {
      problems.push('TESSERA_MASTER_KEY must be 32 random bytes written as 64 hex characters (e.g. `openssl rand -hex 32`)');
    } else {
      masterKey = Uint8Array.from(mk.match(/../g)!.map((h) => parseInt(h, 16)));
    }
  }

  let seedProject: Config['seedProject'];
  const pid = env.TESSERA_PROJECT_ID;
  if (pid) {
    if (!/^project-(test|live)-[0-9a-f-]{36}$/.test(pid)) {
      problems.push(`TESSERA_PROJECT_ID must look like project-test-<uuid> or project-live-<uuid> (got "${pid}")`);
    }
    const secret = env.TESSERA_SECRET || undefined;
    if (secret !== undefined && (secret.length < 24 || secret.length > 256)) {
      problems.push('TESSERA_SECRET must be between 24 and 256 characters');
    }
    const publicToken = env.TESSERA_PUBLIC_TOKEN || undefined;
    if (publicToken !== undefined && !/^public-token-(test|live)-[0-9a-f-]{36}$/.test(publicToken)) {
      problems.push('TESSERA_PUBLIC_TOKEN must look like public-token-test-<uuid>');
    }
    seedProject = Object.freeze({ projectId: pid, secret, publicToken });
  } else if (env.TESSERA_SECRET || env.TESSERA_PUBLIC_TOKEN) {
    problems.push('TESSERA_SECRET and TESSERA_PUBLIC_TOKEN need TESSERA_PROJECT_ID');
  }

  const logLevel = (env.TESSERA_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`TESSERA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const allowedOrigins = (env.TESSERA_ALLOWED_ORIGINS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of allowedOrigins) if (!/^https?:\/\/[^/]+$/.test(o)) problems.push(`TESSERA_ALLOWED_ORIGINS: "${o}" is not an origin`);

  const config: Config = {
    host,
    port,
    databaseUrl,
    dataDir,
    masterKey,
    seedProject,
    allowedOrigins: Object.freeze(allowedOrigins),
    logLevel,
    bodyLimit: int('TESSERA_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    keyActivationDelaySeconds: int('TESSERA_KEY_ACTIVATION_DELAY_SECONDS', 60, 0, 86400),
    lockoutThreshold: int('TESSERA_LOCKOUT_THRESHOLD', 10, 1, 1000),
    lockoutWindowSeconds: int('TESSERA_LOCKOUT_WINDOW_SECONDS', 3600, 1, 30 * 86400),
    lockoutSeconds: int('TESSERA_LOCKOUT_SECONDS', 3600, 1, 30 * 86400),
    passwordWorkers: int('TESSERA_PASSWORD_WORKERS', defaultPasswordWorkers(), 1, 64),
    passwordQueuePerProject: int('TESSERA_PASSWORD_QUEUE_PER_PROJECT', 64, 1, 100_000),
    passwordQueueTotal: int('TESSERA_PASSWORD_QUEUE_TOTAL', 1024, 1, 1_000_000),
  };
  if (config.passwordQueueTotal < config.passwordQueuePerProject) {
    problems.push(
      `TESSERA_PASSWORD_QUEUE_TOTAL (${config.passwordQueueTotal}) must be at least TESSERA_PASSWORD_QUEUE_PER_PROJECT (${config.passwordQueuePerProject})`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(config);
}
