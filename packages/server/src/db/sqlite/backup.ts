/**
 * Online backup and restore of a SQLite database file, with SQLite's backup API (`sqlite3_backup_*`, through
 * better-sqlite3). These are file operations below the stores: they copy pages, whatever the schema holds.
 *
 * - A **backup** copies every page in one step, inside one read transaction, so it is a consistent snapshot
 *   even while a server writes (in WAL mode a reader never blocks the writer, and the writer never waits for
 *   the copy). The copy is written beside the destination, checked, switched to a single-file journal mode,
 *   and only then renamed into place: a reader of `FILE` never sees half a backup.
 * - A **restore** copies the backup's pages into the target through the same API, so whoever has the target
 *   open at that moment (a server started meanwhile) sees either the old database or the restored one, never
 *   a file swapped under its open descriptors. Whether a server is using the target is asked of SQLite's own
 *   locks (`inUse`), not of a pid file that a `kill -9` leaves behind.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_FILE } from '../../file-modes.js';

/** What a backup file holds, read without changing it. */
export interface SnapshotInfo {
  /** Applied migrations, oldest first (`tessera_migrations`). */
  readonly migrations: readonly string[];
  /** The master key check value (`server_meta`), null in a database that never recorded one. */
  readonly keyCheck: string | null;
  /** Row counts of the tables an operator recognises; a table the file lacks is absent. */
  readonly counts: Readonly<Record<string, number>>;
  readonly bytes: number;
}

/** The tables `SnapshotInfo.counts` reports. */
const COUNTED = ['projects', 'users', 'sessions', 'organizations', 'members', 'member_sessions'] as const;

/** Not a Tessera SQLite database, or a damaged one: the message says which. */
export class SnapshotError extends Error {}

const busy = (err: unknown) => typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * True when another connection (a running server, its checkpointer, a CLI command) has the file open. An
 * exclusive locking-mode connection must take the database file's exclusive lock to begin a transaction,
 * which it cannot while any other connection holds its shared lock, idle or not; it gives the lock back when
 * it closes. False for a missing file.
 */
export function inUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if (busy(err)) return true;
    throw err;
  } finally {
    db.close();
  }
}

/** Reads a backup (or any Tessera database file) read-only: integrity, migrations, key check, counts. */
export function inspectSnapshot(file: string): SnapshotInfo {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new SnapshotError(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (err) {
      throw new SnapshotError(`${file} is not a SQLite database (${(err as Error).message})`);
    }
    if (check !== 'ok') throw new SnapshotError(`${file} is damaged: SQLite's quick_check says ${JSON.stringify(check)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    if (!tables.has('tessera_migrations')) throw new SnapshotError(`${file} is a SQLite database but not a Tessera one (it has no tessera_migrations table)`);
    const migrations = db.prepare('SELECT name FROM tessera_migrations ORDER BY name').pluck().all() as string[];
    const keyCheck = tables.has('server_meta')
      ? ((db.prepare("SELECT value FROM server_meta WHERE name = 'master_key_check'").pluck().get() as string | undefined) ?? null)
      : null;
    const counts: Record<string, number> = {};
    for (const t of COUNTED) if (tables.has(t)) counts[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return { migrations, keyCheck, counts, bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

/** Copies all remaining pages in the next step: the whole copy is one snapshot (see the module comment). */
const ALL_AT_ONCE = () => 0x7fffffff;

/**
 * Writes a consistent copy of `source` to `dest` (mode 0600, one file: journal mode DELETE) and returns what
 * it holds. `dest` must not exist unless `overwrite`; on any failure nothing is left at `dest`.
 */
export async function backupSqlite(source: string, dest: string, opts: { overwrite: boolean }): Promise<SnapshotInfo> {
  if (!fs.existsSync(source)) throw new SnapshotError(`there is no database at ${source}`);
  if (!opts.overwrite && fs.existsSync(dest)) throw new SnapshotError(`${dest} exists; choose a new file name or pass --force to replace it`);
  const partial = path.join(path.dirname(path.resolve(dest)), `.${path.basename(dest)}.partial-${process.pid}`);
  // Created 0600 first: SQLite keeps the mode of an existing file, and the copy holds password hashes.
  fs.writeFileSync(partial, '', { mode: PRIVATE_FILE });
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(partial, { progress: ALL_AT_ONCE });
    } finally {
      db.close();
    }
    const copy = new Database(partial);
    try {
      // The source's WAL mode is in the copy's header; a backup is one file that can be moved on its own.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const info = inspectSnapshot(partial);
    fs.renameSync(partial, dest);
    return { ...info, bytes: fs.statSync(dest).size };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * Copies the backup's pages into `target` (created 0600 when missing). The caller has checked the backup
 * (`inspectSnapshot`) and decided about a target that is in use or holds data.
 */
export async function restoreSqlite(backup: string, target: string): Promise<void> {
  if (!fs.existsSync(target)) fs.writeFileSync(target, '', { mode: PRIVATE_FILE, flag: 'wx' });
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target, { progress: ALL_AT_ONCE });
  } finally {
    db.close();
  }
}

/** True when the file holds at least one Tessera table row worth keeping (a project). */
export function holdsData(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projects'").get();
    return has !== undefined && (db.prepare('SELECT count(*) FROM projects').pluck().get() as number) > 0;
  } finally {
    db.close();
  }
}
