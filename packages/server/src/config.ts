/**
 * `loadConfig(env)`: the only reader of Tessera's settings. It parses every variable, reports every
 * problem at once, and returns a frozen object. Only the CLI entry point passes `process.env` in.
 *
 * @module
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { redactDatabaseUrl } from './db/postgres/url.js';

export { redactDatabaseUrl };

export interface Config {
  readonly host: string;
  readonly port: number;
  /**
   * `sqlite:<path>` (default `sqlite:./.tessera/tessera.db`) or `postgres://...` / `postgresql://...`. Print
   * it only with {@link redactDatabaseUrl}: a PostgreSQL URL may hold a password.
   */
  readonly databaseUrl: string;
  /** PostgreSQL connections per instance (`TESSERA_DATABASE_POOL_SIZE`, default 10). */
  readonly databasePoolSize: number;
  /** PostgreSQL statement (and connect) timeout in ms (`TESSERA_DATABASE_STATEMENT_TIMEOUT_MS`, default 5000). */
  readonly databaseStatementTimeoutMs: number;
  /**
   * SQLite: how much of the database file is read through a memory mapping instead of `read` calls, in MiB
   * (`TESSERA_SQLITE_MMAP_MB`, default and most {@link SQLITE_MMAP_MAX_MIB}; 0 turns it off). See `openSqlite`.
   */
  readonly sqliteMmapMib: number;
  /**
   * SQLite: how many records each of the authenticate path's read caches holds (sessions by token hash, by
   * id, users, members, organizations; `TESSERA_SQLITE_READ_CACHE`, default
   * {@link SQLITE_READ_CACHE_ENTRIES}; 0 turns them off). See db/kysely/read-cache.ts.
   */
  readonly sqliteReadCacheEntries: number;
  /** Directory of the default SQLite file and `master.key`. */
  readonly dataDir: string;
  /** Where the master key comes from; see {@link MasterKeySource}. */
  readonly masterKey: MasterKeySource;
  readonly seedProject:
    | { readonly projectId: string; readonly secret: string | undefined; readonly publicToken: string | undefined }
    | undefined;
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
  /**
   * Requests per window to one mail-sending or code-checking endpoint of a project
   * (`TESSERA_RATE_LIMIT_ENDPOINT`, `<count>/<window>`, default `600/1m`).
   */
  readonly rateLimitEndpoint: RateLimitSetting;
  /** The same for one identifier (email address, method id) at one endpoint (`TESSERA_RATE_LIMIT_IDENTIFIER`, default `10/10m`). */
  readonly rateLimitIdentifier: RateLimitSetting;
  /**
   * The SMTP server mail is delivered through (`TESSERA_SMTP_URL`, `smtp://` or `smtps://`, user and
   * password in the URL); undefined keeps every message in the local outbox. Print it only with
   * {@link redactSmtpUrl}: the URL holds a password.
   */
  readonly smtpUrl: string | undefined;
  /** The From of mail when the project names none (`TESSERA_MAIL_FROM`, default `Tessera <no-reply@localhost>`). */
  readonly mailFrom: string;
  /** Attempts at delivering one message before it is marked `failed` (`TESSERA_SMTP_MAX_ATTEMPTS`, default 8). */
  readonly smtpMaxAttempts: number;
  /**
   * The admin console at /admin (`TESSERA_ADMIN`, `on` by default: it still answers "off" until an operator
   * account exists). `off` does not register its routes at all.
   */
  readonly adminConsole: boolean;
  /** How long audit log entries are kept (`TESSERA_AUDIT_RETENTION`, a duration such as `90d`, the default). */
  readonly auditRetentionMs: number;
  /**
   * The bearer token `GET /metrics` requires on the main port (`TESSERA_METRICS_TOKEN`, at least 16
   * characters); undefined: no `/metrics` on the main port. A secret: never printed.
   */
  readonly metricsToken: string | undefined;
  /** A separate listener serving `/metrics`, `/healthz`, `/readyz` without a token (`TESSERA_METRICS_PORT`); undefined: none. */
  readonly metricsPort: number | undefined;
  /** Its address (`TESSERA_METRICS_HOST`, default 127.0.0.1). */
  readonly metricsHost: string;
  /**
   * Which peers' `X-Forwarded-For` names the client (`TESSERA_TRUST_PROXY`): `false` (the default) uses the
   * connection's address; a hop count trusts that many proxies in front; a list trusts the proxies at those
   * addresses or CIDR ranges (and `loopback`, `linklocal`, `uniquelocal`). The client address is what the
   * console's sign-in limit counts and what the audit log records.
   */
  readonly trustProxy: TrustProxy;
}

/**
 * The largest SQLite memory mapping, in MiB: better-sqlite3 builds SQLite with `SQLITE_MAX_MMAP_SIZE` 0x7fff0000
 * (2 GiB less 64 KiB), which clamps any larger `mmap_size`; the part of a larger file beyond it is read with
 * `read` calls as without a mapping.
 */
export const SQLITE_MMAP_MAX_MIB = 2048;
/** Records per read cache by default: a session with its user is ~2.1 KB of heap, so 16,384 of them ~35 MB (docs/performance.md). */
export const SQLITE_READ_CACHE_ENTRIES = 16_384;

export type TrustProxy = false | number | readonly string[];

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `TESSERA_TRUST_PROXY` read, or the problem with it. Trusting every peer (`true`) is refused: any client could then name its own address. */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  const text = (raw ?? '').trim();
  if (text === '' || text.toLowerCase() === 'off') return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 16 ? { value: hops } : { problem: `TESSERA_TRUST_PROXY hop count must be between 1 and 16 (got "${text}")` };
  }
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !validProxyEntry(e));
  if (bad.length === 0) return { value: Object.freeze(entries) };
  return {
    problem:
      'TESSERA_TRUST_PROXY must be off, a hop count, or a comma-separated list of proxy addresses or CIDR ranges ' +
      `(e.g. 127.0.0.1, 10.0.0.0/8 or loopback); not "${bad.join('", "')}"`,
  };
}

function validProxyEntry(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export interface RateLimitSetting {
  readonly limit: number;
  readonly windowMs: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `10m`, `2h`, `7d` in milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = /^([1-9][0-9]{0,6})([smhd])$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

/**
 * max(1, cores - 1). Password work is CPU-bound and a worker uses a whole core while it hashes; the event
 * loop, and libuv's threadpool that signs the JWTs, need the remaining one. On a 2-core machine that is one
 * worker: logins queue behind each other (fairly, per project) rather than against session authentication.
 */
export function defaultPasswordWorkers(cores = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * The master key's origin. `env`: 32 bytes from `TESSERA_MASTER_KEY`. `file`: `TESSERA_MASTER_KEY_FILE`, a
 * file holding 64 hex characters (a systemd credential, a mounted secret), never created by Tessera.
 * `data-dir`: `<dataDir>/master.key`, created on the first start over an empty database (a development default).
 */
export type MasterKeySource =
  | { readonly kind: 'env'; readonly key: Uint8Array }
  | {
      readonly kind: 'file';
      readonly path: string;
      /**
       * The file lies in systemd's `$CREDENTIALS_DIRECTORY`: systemd makes it readable by the service's user
       * alone, through an ACL whose mask shows as group-read in the mode bits, so the mode check is skipped.
       */
      readonly systemdCredential: boolean;
    }
  | { readonly kind: 'data-dir'; readonly path: string };

/** The SMTP URL with its password replaced by `***`, fit for logs, errors and the start banner. */
export function redactSmtpUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Unparseable: show only the scheme, since a password could sit anywhere in it.
    return `${raw.split(':')[0] ?? ''}:(unparseable URL)`;
  }
}

/** Problems with `TESSERA_SMTP_URL`, none when it is fine; never quotes the password. */
function smtpUrlProblems(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return ['TESSERA_SMTP_URL must be a URL like smtp://user:password@host:587 or smtps://user:password@host:465'];
  }
  const shown = redactSmtpUrl(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return [`TESSERA_SMTP_URL must start with smtp:// or smtps:// (got "${shown}")`];
  if (!url.hostname) return [`TESSERA_SMTP_URL names no host (got "${shown}")`];
  if (url.password && !url.username) return [`TESSERA_SMTP_URL has a password but no user (got "${shown}")`];
  return [];
}

/** A plain address or `Name <address>`, as nodemailer takes it; a loose check that catches typos. */
const MAIL_FROM = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

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
    problems.push(`TESSERA_DATABASE_URL must start with sqlite:, postgres:// or postgresql:// (got "${redactDatabaseUrl(databaseUrl)}")`);
  } else if (!databaseUrl.startsWith('sqlite:')) {
    let url: URL | null = null;
    try {
      url = new URL(databaseUrl);
    } catch {
      problems.push(`TESSERA_DATABASE_URL must be a URL like postgres://user:password@host:5432/tessera (got "${redactDatabaseUrl(databaseUrl)}")`);
    }
    if (url && !url.hostname) problems.push(`TESSERA_DATABASE_URL names no host (got "${redactDatabaseUrl(databaseUrl)}")`);
  }

  let masterKey: MasterKeySource = { kind: 'data-dir', path: path.join(dataDir, 'master.key') };
  const mk = env.TESSERA_MASTER_KEY;
  const mkFile = env.TESSERA_MASTER_KEY_FILE;
  if (mk && mkFile) {
    problems.push('TESSERA_MASTER_KEY and TESSERA_MASTER_KEY_FILE are both set; set only one');
  } else if (mk) {
    if (!/^[0-9a-fA-F]{64}$/.test(mk)) {
      problems.push('TESSERA_MASTER_KEY must be 32 random bytes written as 64 hex characters (e.g. `openssl rand -hex 32`)');
    } else {
      masterKey = { kind: 'env', key: Uint8Array.from(mk.match(/../g)!.map((h) => parseInt(h, 16))) };
    }
  } else if (mkFile) {
    const file = path.resolve(cwd, mkFile);
    // Set by systemd for a unit with LoadCredential= (and only read here, like every other variable).
    const credentials = env.CREDENTIALS_DIRECTORY;
    const systemdCredential = !!credentials && path.isAbsolute(credentials) && path.dirname(file) === path.resolve(credentials);
    masterKey = { kind: 'file', path: file, systemdCredential };
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

  const rateLimit = (name: string, fallback: string): RateLimitSetting => {
    const raw = env[name] || fallback;
    const [count, window] = raw.split('/');
    const limit = Number(count);
    const windowMs = window === undefined ? null : parseDuration(window);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000 || windowMs === null) {
      problems.push(`${name} must look like <count>/<window>, e.g. 10/10m (window in s, m, h or d; got "${raw}")`);
      const [l, w] = fallback.split('/');
      return Object.freeze({ limit: Number(l), windowMs: parseDuration(w!)! });
    }
    return Object.freeze({ limit, windowMs });
  };

  const duration = (name: string, fallback: string): number => {
    const raw = env[name] || fallback;
    const ms = parseDuration(raw);
    if (ms === null) {
      problems.push(`${name} must be a duration like 90d, 12h or 30m (got "${raw}")`);
      return parseDuration(fallback)!;
    }
    return ms;
  };

  const onOff = (name: string, fallback: boolean): boolean => {
    const raw = (env[name] || '').toLowerCase();
    if (raw === '') return fallback;
    if (raw === 'on' || raw === 'off') return raw === 'on';
    problems.push(`${name} must be on or off (got "${env[name]}")`);
    return fallback;
  };

  const smtpUrl = env.TESSERA_SMTP_URL || undefined;
  if (smtpUrl !== undefined) problems.push(...smtpUrlProblems(smtpUrl));
  const mailFrom = (env.TESSERA_MAIL_FROM || 'Tessera <no-reply@localhost>').trim();
  if (!MAIL_FROM.test(mailFrom)) problems.push(`TESSERA_MAIL_FROM must be an address or "Name <address>" (got "${mailFrom}")`);

  const metricsToken = env.TESSERA_METRICS_TOKEN || undefined;
  // The value is never quoted: it is a secret.
  if (metricsToken !== undefined && (metricsToken.length < 16 || metricsToken.length > 256 || /\s/.test(metricsToken))) {
    problems.push('TESSERA_METRICS_TOKEN must be 16 to 256 characters without spaces (e.g. `openssl rand -hex 32`)');
  }
  const metricsPort = env.TESSERA_METRICS_PORT ? int('TESSERA_METRICS_PORT', 0, 0, 65535) : undefined;
  const trustProxy = parseTrustProxy(env.TESSERA_TRUST_PROXY);
  if ('problem' in trustProxy) problems.push(trustProxy.problem);

  const config: Config = {
    host,
    port,
    databaseUrl,
    databasePoolSize: int('TESSERA_DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseStatementTimeoutMs: int('TESSERA_DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
    sqliteMmapMib: int('TESSERA_SQLITE_MMAP_MB', SQLITE_MMAP_MAX_MIB, 0, SQLITE_MMAP_MAX_MIB),
    sqliteReadCacheEntries: int('TESSERA_SQLITE_READ_CACHE', SQLITE_READ_CACHE_ENTRIES, 0, 10_000_000),
    dataDir,
    masterKey: Object.freeze(masterKey),
    seedProject,
    logLevel,
    bodyLimit: int('TESSERA_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    keyActivationDelaySeconds: int('TESSERA_KEY_ACTIVATION_DELAY_SECONDS', 60, 0, 86400),
    lockoutThreshold: int('TESSERA_LOCKOUT_THRESHOLD', 10, 1, 1000),
    lockoutWindowSeconds: int('TESSERA_LOCKOUT_WINDOW_SECONDS', 3600, 1, 30 * 86400),
    lockoutSeconds: int('TESSERA_LOCKOUT_SECONDS', 3600, 1, 30 * 86400),
    passwordWorkers: int('TESSERA_PASSWORD_WORKERS', defaultPasswordWorkers(), 1, 64),
    passwordQueuePerProject: int('TESSERA_PASSWORD_QUEUE_PER_PROJECT', 64, 1, 100_000),
    passwordQueueTotal: int('TESSERA_PASSWORD_QUEUE_TOTAL', 1024, 1, 1_000_000),
    rateLimitEndpoint: rateLimit('TESSERA_RATE_LIMIT_ENDPOINT', '600/1m'),
    rateLimitIdentifier: rateLimit('TESSERA_RATE_LIMIT_IDENTIFIER', '10/10m'),
    smtpUrl,
    mailFrom,
    smtpMaxAttempts: int('TESSERA_SMTP_MAX_ATTEMPTS', 8, 1, 100),
    adminConsole: onOff('TESSERA_ADMIN', true),
    auditRetentionMs: duration('TESSERA_AUDIT_RETENTION', '90d'),
    metricsToken,
    metricsPort,
    metricsHost: env.TESSERA_METRICS_HOST || '127.0.0.1',
    trustProxy: 'value' in trustProxy ? trustProxy.value : false,
  };
  if (config.passwordQueueTotal < config.passwordQueuePerProject) {
    problems.push(
      `TESSERA_PASSWORD_QUEUE_TOTAL (${config.passwordQueueTotal}) must be at least TESSERA_PASSWORD_QUEUE_PER_PROJECT (${config.passwordQueuePerProject})`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(config);
}
