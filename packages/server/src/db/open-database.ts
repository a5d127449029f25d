/**
 * `openDatabase(url, opts)`: the one place that turns `TESSERA_DATABASE_URL` into what the server needs, for
 * either dialect: the Kysely instance (with SQLite's synchronous fast path, `direct`), the cache events
 * other instances receive, and a description fit for messages (password redacted). The caller passes the
 * result on explicitly; nothing is registered process-wide.
 *
 * @module
 */
import type { Logger } from '../log.js';
import type { Report } from '../refusal.js';
import { LocalCacheEvents, type CacheEvents } from '../store/cache-events.js';
import { redactDatabaseUrl } from './postgres/url.js';
import type { SqlDatabase } from './kysely/sql-database.js';
import { openSqlite } from './sqlite/open.js';
import { startCheckpointer } from './sqlite/checkpointer.js';
import type { QueryTimer } from './kysely/query-timer.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenedDatabase extends SqlDatabase {
  readonly dialect: Dialect;
  /** The URL with any password replaced by `***`. */
  readonly describe: string;
  /** The SQLite file (`:memory:` included), null for PostgreSQL. */
  readonly file: string | null;
  readonly events: CacheEvents;
  /** Stops the cache listener and closes every connection (idempotent). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly report?: Report;
  readonly log?: Logger;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /** PostgreSQL statement timeout in ms (default 5000). */
  readonly statementTimeoutMs?: number;
  /** SQLite: MiB of the file read through a memory mapping (`TESSERA_SQLITE_MMAP_MB`; default 2,048, 0 off). */
  readonly sqliteMmapMib?: number;
  /** SQLite: records per read cache (`TESSERA_SQLITE_READ_CACHE`; default 16,384, 0 off). */
  readonly sqliteReadCacheEntries?: number;
  /** Receives each query's database time in seconds (the server's metrics); nothing is timed without it. */
  readonly onQuery?: QueryTimer;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(url: string, opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const describe = redactDatabaseUrl(url);
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const { db, direct, changes, setAutoCheckpoint, mapping } = openSqlite(file, { report: opts.report, onQuery: opts.onQuery, mmapMib: opts.sqliteMmapMib, readCacheEntries: opts.sqliteReadCacheEntries });
    const events = new LocalCacheEvents();
    // WAL checkpoints (and their fsync) in a worker thread, not inside a commit on the event loop.
    const checkpoints = file === ':memory:' ? null : startCheckpointer(file, setAutoCheckpoint, { log: opts.log, onCheckpoint: () => mapping.refresh() });
    let closing: Promise<void> | null = null;
    const close = () => (closing ??= (async () => {
      await checkpoints?.stop();
      await db.destroy();
    })());
    return { db, direct, changes, dialect: 'sqlite', describe, file, events, close };
  }
  if (!isPostgresUrl(url)) throw new Error(`unsupported database URL ${describe}`);
  // Loaded only for PostgreSQL: `pg` and its modules add ~0.1 s to every SQLite server's start.
  const [{ openPostgres }, { PostgresCacheEvents }] = await Promise.all([import('./postgres/open.js'), import('./postgres/notifications.js')]);
  const { db, pool } = openPostgres(url, {
    poolSize: opts.poolSize ?? 10,
    statementTimeoutMs: opts.statementTimeoutMs ?? 5000,
    log: opts.log,
    onQuery: opts.onQuery,
  });
  const events = new PostgresCacheEvents(url, pool, opts.log);
  try {
    await events.start();
  } catch (err) {
    await db.destroy();
    throw new Error(`cannot connect to PostgreSQL at ${describe}: ${redactError(err, url)}`, { cause: err });
  }
  let closing: Promise<void> | null = null;
  return {
    db,
    dialect: 'postgres',
    describe,
    file: null,
    events,
    close: () => (closing ??= events.close().then(() => db.destroy())),
  };
}

/** An error's message without the URL's password (pg's messages quote neither, but be sure). */
function redactError(err: unknown, url: string): string {
  const message = err instanceof Error ? err.message : String(err);
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // unparseable: nothing to strip
  }
  return password ? message.split(password).join('***') : message;
}
