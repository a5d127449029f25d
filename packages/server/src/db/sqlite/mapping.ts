/**
 * Keeps the server connection's memory mapping of the SQLite file as large as the file.
 *
 * SQLite maps the file at its size when the connection first reads through the mapping, and maps it again
 * only when it sees the database changed by another connection (a different WAL header) or when its own
 * connection extends the file. Neither happens on the server's connection: its own commits do not count as
 * changes, and the file grows through the checkpoint worker's connection (checkpointer.ts), which copies the
 * WAL's pages into it. Left alone, the mapping keeps the size the file had at start (a new database: one
 * page) and every page beyond it is read with `pread`. So after each checkpoint the file's size is compared
 * with what was mapped, and once it has grown by `max(16 MiB, an eighth)` the limit is set to 0 and back:
 * SQLite unmaps the file (possible only when no page of it is held, hence not inside a transaction) and maps
 * it anew, at its current size, on the next read. The pages stay in the kernel's page cache in between; the
 * next reads map them in again with minor page faults (no disk reads).
 *
 * @module
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Growth of the file past the mapped size that renews the mapping: at least this, and at least an eighth (so a
 * file growing to 2 GiB is mapped again some 30 times in all). Less than this fits SQLite's own page cache
 * (`SQLITE_CACHE_KIB`, 16 MiB) anyway.
 */
export const REMAP_MIN_GROWTH_BYTES = 16 * 1024 * 1024;

export interface MappingRefresher {
  /**
   * Renews the mapping if the file outgrew it (see the module): at once when the connection is between
   * transactions, else right after the current read snapshot ends (the event loop's check phase).
   */
  refresh(): void;
  /** The size the last renewal mapped (SQLite maps lazily, on the next read); the file's size at open before. */
  readonly mappedBytes: number;
}

export function mappingRefresher(db: Database.Database, file: string, limitBytes: number): MappingRefresher {
  const size = () => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  let mapped = Math.min(size(), limitBytes);
  let deferred = false;
  const renew = () => {
    if (limitBytes <= 0 || mapped >= limitBytes || !db.open) return;
    const now = Math.min(size(), limitBytes);
    if (now < mapped + Math.max(REMAP_MIN_GROWTH_BYTES, mapped / 8)) return;
    if (db.inTransaction) {
      // The fast path's read snapshot (sqlite-driver.ts) ends in the check phase; this runs after it.
      if (!deferred) {
        deferred = true;
        setImmediate(() => {
          deferred = false;
          if (!db.inTransaction) renew();
        });
      }
      return;
    }
    try {
      db.pragma('mmap_size = 0');
    } catch {
      return; // a statement still running on the connection: the next checkpoint tries again
    }
    // Synchronously after the call above, so whatever let that one run lets this one.
    db.pragma(`mmap_size = ${limitBytes}`);
    mapped = now;
  };
  return {
    get mappedBytes() {
      return mapped;
    },
    refresh: renew,
  };
}
