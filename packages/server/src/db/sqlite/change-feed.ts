/**
 * What changed in the SQLite file, for the read caches (db/kysely/read-cache.ts).
 *
 * - This process's own writes: a TEMP trigger per watched table (temporary triggers belong to this
 *   connection, so nothing is written to the file) calls the SQL function `tessera_changed`, registered
 *   here, with the key columns of every row inserted, updated or deleted. SQLite runs it inside the
 *   statement, on the event loop, so the entry is gone before the statement returns: foreign-key cascades,
 *   multi-row updates and statements inside transactions included. The session tables' triggers ignore an
 *   update of `last_accessed_at` alone (the write-behind flush, touch-buffer.ts): the caches overlay that time.
 * - Other connections' commits (the CLI, another process on the file): `PRAGMA data_version` changes when
 *   one committed since this connection last looked. It is read once per fast-path read snapshot (the
 *   driver's loop-turn transaction, sqlite-driver.ts), so a hit sees what a read in that snapshot would.
 *
 * The triggers are installed on the first `watch` of a table, from its columns at that time: after the
 * migrations, when the stores are made. A migration that adds a column to a session table while a server
 * runs (never done by `tessera`, which migrates at start) would not be covered until it restarts.
 *
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeFeed, WatchedTable } from '../kysely/read-cache.js';

interface TableSpec {
  /** The columns the callback receives (of the old row, and of the new one for an update or insert). */
  keys: readonly string[];
  /** Updates of only these columns are not changes to what is cached. */
  quiet?: readonly string[];
  /** Inserts change a cached value (a user's new email), not only updates and deletes. */
  inserts?: boolean;
}

const TABLES: Readonly<Record<WatchedTable, TableSpec>> = {
  sessions: { keys: ['session_id', 'token_hash'], quiet: ['last_accessed_at'] },
  member_sessions: { keys: ['member_session_id', 'token_hash'], quiet: ['last_accessed_at'] },
  users: { keys: ['user_id'] },
  user_emails: { keys: ['user_id'], inserts: true },
  user_phones: { keys: ['user_id'], inserts: true },
  members: { keys: ['member_id'] },
  organizations: { keys: ['organization_id'] },
};

const FUNCTION = 'tessera_changed';

/** The connection-side hooks the feed needs from the driver. */
export interface SnapshotSource {
  /** `PRAGMA data_version` in the current fast-path snapshot (opening one); undefined while a transaction holds the connection. */
  dataVersion(): number | undefined;
}

export class SqliteChangeFeed implements ChangeFeed {
  readonly #db: BetterSqlite3.Database;
  readonly #source: SnapshotSource;
  readonly #listeners = new Map<string, ((keys: readonly unknown[]) => void)[]>();
  readonly #resets: (() => void)[] = [];
  #generation = 0;
  #version: number | undefined;

  readonly capacity: number;

  constructor(db: BetterSqlite3.Database, source: SnapshotSource, capacity: number) {
    this.#db = db;
    this.capacity = capacity;
    this.#source = source;
    db.function(FUNCTION, { varargs: true, deterministic: false }, (table: unknown, ...keys: unknown[]) => {
      this.#generation++;
      for (const listener of this.#listeners.get(table as string) ?? []) listener(keys);
      return null;
    });
    // The version every later read is compared with (a version first seen later would not say whether a
    // commit came between a read and its entry being stored).
    this.#version = source.dataVersion();
  }

  get generation(): number {
    return this.#generation;
  }

  current(): boolean {
    const version = this.#source.dataVersion();
    if (version === undefined) return false;
    if (version !== this.#version) {
      this.#version = version;
      this.#generation++;
      for (const reset of this.#resets) reset();
    }
    return true;
  }

  watch(table: WatchedTable, onChange: (keys: readonly unknown[]) => void): void {
    let listeners = this.#listeners.get(table);
    if (!listeners) {
      this.#install(table);
      this.#listeners.set(table, (listeners = []));
    }
    listeners.push(onChange);
  }

  onReset(onReset: () => void): void {
    this.#resets.push(onReset);
  }

  #install(table: WatchedTable): void {
    const spec = TABLES[table];
    const columns = (this.#db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    if (columns.length === 0) throw new Error(`cannot watch ${table}: no such table (run the migrations first)`);
    const call = (...rows: ('old' | 'new')[]) => `SELECT ${FUNCTION}('${table}', ${rows.flatMap((row) => spec.keys.map((k) => `${row}.${k}`)).join(', ')});`;
    const loud = columns.filter((c) => !spec.quiet?.includes(c)).map((c) => `"${c}"`);
    const trigger = (suffix: string, event: string, body: string) =>
      `CREATE TEMP TRIGGER IF NOT EXISTS tessera_watch_${table}_${suffix} AFTER ${event} ON main.${table} BEGIN ${body} END;`;
    this.#db.exec(
      [
        trigger('update', `UPDATE OF ${loud.join(', ')}`, call('old', 'new')),
        trigger('delete', 'DELETE', call('old')),
        spec.inserts ? trigger('insert', 'INSERT', call('new')) : '',
      ].join('\n'),
    );
  }
}
