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
import { SQLITE_MMAP_MAX_MIB, SQLITE_READ_CACHE_ENTRIES } from '../../config.js';
import { mappingRefresher, type MappingRefresher } from './mapping.js';
import { SqliteChangeFeed } from './change-feed.js';

/** The server connection's page cache, in KiB (better-sqlite3's build default is 16,000 KiB, SQLite's 2,000). */
export const SQLITE_CACHE_KIB = 16384;

/**
 * The server connection's settings (see `openSqlite`). `journal_size_limit`: SQLite reuses the WAL file from its
 * start after each checkpoint rather than shrinking it, so a burst of writes (a bulk import, a login storm)
 * would leave a file as large as the burst for good; with the limit, the commit that restarts the log
 * truncates the file to `WAL_SIZE_LIMIT_BYTES`.
 *
 * `mmap_size` (`mmapMib`, `TESSERA_SQLITE_MMAP_MB`): pages of the database file are read through a read-only
 * memory mapping rather than with a `pread` call each; a page that is in the kernel's page cache costs no
 * system call, and none is copied. Pages still in the WAL, and any part of the file beyond the mapping, are
 * read with `pread` as before; writes never go through the mapping. As the checkpoint worker grows the file,
 * `mapping.ts` renews the mapping (SQLite alone would keep the size the file had at the first read).
 * Measured at 1,000,000 sessions (1.6 GB file, docs/performance.md): an authenticate read 6.2 pages with
 * `pread`, and where the kernel reclaims page cache it deems cold (DAMON on the benchmark's VM pages out
 * unmapped file pages only) some of those waited for the disk; mapped, the same-run ratio against 10,000
 * sessions went from 0.61–0.84× to 0.95–0.99×. Two things change for an operator: the resident mapped pages
 * count in the process's RSS (they are the same page cache, shared and reclaimable, that `pread` fills
 * without counting), and an I/O error on the file while reading through the mapping is a SIGBUS that ends
 * the process rather than an error answer. 0 turns it off.
 *
 * `cache_size`: SQLite's own cache, for the pages that do not come through the mapping (the WAL's, the
 * file's beyond the mapping, all of them with `mmapMib` 0). Without the mapping, at 1,000,000 sessions, an
 * authenticate read 7.4 pages from the file with 8 MB, of which 2.1 interior pages that each request's leaves
 * had pushed out; 6.2 with 16 MB (1.0 interior); 4.7 with 32 MB, for ~25 MB more RSS.
 */
export function configureConnection(db: Database.Database, mmapMib: number = SQLITE_MMAP_MAX_MIB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  db.pragma(`mmap_size = ${Math.trunc(mmapMib) * 1024 * 1024}`);
}

/**
 * Opens (creating if needed) the SQLite file: WAL so readers never block the writer, reads through a memory
 * mapping of up to `mmapMib` MiB (default 2,048; see `configureConnection`), synchronous=NORMAL
 * (durable across process crashes; a power loss may drop the last commits, see docs/performance.md: FULL
 * costs 0.69x end to end), foreign keys on, and a busy timeout so the CLI and the server can share the file.
 * A missing directory is created 0700 and a missing file 0600 (so are `-wal` and `-shm`, which SQLite
 * creates with the file's mode); an existing file open to group or others is tightened to 0600 with a notice.
 */
export function openSqlite(
  file: string,
  opts: { report?: Report; onQuery?: QueryTimer; mmapMib?: number; readCacheEntries?: number } = {},
): Required<Omit<SqlDatabase, 'changes'>> & Pick<SqlDatabase, 'changes'> & { setAutoCheckpoint(pages: number): void; mapping: MappingRefresher } {
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(path.resolve(file)));
    ensurePrivateDbFile(file, opts.report ?? reportToStderr);
  }
  const db = new Database(file);
  configureConnection(db, opts.mmapMib);
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
  // Renewed after the checkpoint worker grows the file (mapping.ts); SQLite itself would keep the first size.
  const mapping = mappingRefresher(db, file, (db.pragma('mmap_size', { simple: true }) as number | undefined) ?? 0); // undefined for :memory:
  const entries = opts.readCacheEntries ?? SQLITE_READ_CACHE_ENTRIES;
  const changes = entries > 0 ? new SqliteChangeFeed(db, driver, entries) : undefined;
  return { db: kysely, direct, changes, setAutoCheckpoint, mapping };
}
