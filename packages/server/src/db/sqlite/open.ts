import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ensurePrivateDbFile, ensurePrivateDir } from '../../file-modes.js';
import { reportToStderr, type Report } from '../../refusal.js';
import type { Database as Schema } from '../schema.js';
import type { DirectRunner } from '../kysely/prepared.js';
import type { SqlDatabase } from '../kysely/sql-database.js';
import { TesseraSqliteDialect } from './sqlite-dialect.js';
import { CachingSqliteDriver } from './sqlite-driver.js';
import { kyselyQueryLog, type QueryTimer } from '../kysely/query-timer.js';
import { WAL_SIZE_LIMIT_BYTES } from './checkpointer.js';

/** The server connection's page cache, in KiB (SQLite's default is 2,000 KiB). */
export const SQLITE_CACHE_KIB = 16384;

/**
 * The server connection's settings (see `openSqlite`). `journal_size_limit`: SQLite reuses the WAL file from its
 * start after each checkpoint rather than shrinking it, so a burst of writes (a bulk import, a login storm)
 * would leave a file as large as the burst for good; with the limit, the commit that restarts the log
 * truncates the file to `WAL_SIZE_LIMIT_BYTES`. `cache_size`: SQLite's default page cache is 2 MB, which
 * a database of a million sessions (~1.5 GB) outgrows in its B-tree interior pages alone, so every point
 * read went back to the file for them. Pages an authenticate read from the file at 1,000,000 sessions
 * (strace on the event loop; the benchmark's 10,000-session sample spread over them): 7.4 with 8 MB, of which
 * 2.1 interior pages that each request's leaves had pushed out; 6.2 with 16 MB (1.0 interior); 4.7 with
 * 32 MB, which also keeps most leaves the write-behind update revisits 250 ms later. Each such read is a
 * system call, and where the kernel evicts page cache it deems cold (DAMON reclaim on the benchmark's VM)
 * some wait for the disk. 16 MB: the interior pages stay, for ~8 MB more RSS than 8 MB once full (a small
 * database never fills it); 32 MB cost ~25 MB, too close to the 200 MB the memory goal allows at a million
 * sessions.
 */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
}

/**
 * Opens (creating if needed) the SQLite file: WAL so readers never block the writer, synchronous=NORMAL
 * (durable across process crashes; a power loss may drop the last commits, see docs/performance.md: FULL
 * costs 0.69x end to end), foreign keys on, and a busy timeout so the CLI and the server can share the file.
 * A missing directory is created 0700 and a missing file 0600 (so are `-wal` and `-shm`, which SQLite
 * creates with the file's mode); an existing file open to group or others is tightened to 0600 with a notice.
 */
export function openSqlite(
  file: string,
  opts: { report?: Report; onQuery?: QueryTimer } = {},
): Required<SqlDatabase> & { setAutoCheckpoint(pages: number): void } {
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(path.resolve(file)));
    ensurePrivateDbFile(file, opts.report ?? reportToStderr);
  }
  const db = new Database(file);
  configureConnection(db);
  const driver = new CachingSqliteDriver(db);
  const onQuery = opts.onQuery;
  const kysely = new Kysely<Schema>({ dialect: new TesseraSqliteDialect(db, driver), ...(onQuery ? { log: kyselyQueryLog(onQuery) } : {}) });
  // The fast path bypasses Kysely (and its log), so it is timed here; a query it declines (undefined: the
  // connection was busy) goes through Kysely, which times it then.
  const direct: DirectRunner = onQuery
    ? {
        one: (sql, params) => {
          const started = performance.now();
          const rows = driver.tryRunSync(sql, params);
          if (rows !== undefined) onQuery((performance.now() - started) / 1000);
          return rows;
        },
        batch: async (sql, lists) => {
          const started = performance.now();
          try {
            await driver.batchNoWait(sql, lists);
          } finally {
            onQuery((performance.now() - started) / 1000);
          }
        },
      }
    : {
        one: (sql, params) => driver.tryRunSync(sql, params),
        batch: (sql, lists) => driver.batchNoWait(sql, lists),
      };
  // For the background checkpointer (checkpointer.ts): 0 turns SQLite's checkpoint-on-commit off. The
  // stores may have closed the connection already (Kysely's destroy); there is nothing left to set then.
  const setAutoCheckpoint = (pages: number) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${Math.trunc(pages)}`);
  };
  return { db: kysely, direct, setAutoCheckpoint };
}
