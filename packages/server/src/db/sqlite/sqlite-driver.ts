/**
 * A Kysely driver for better-sqlite3 that caches prepared statements.
 *
 * Kysely's own `SqliteDriver` calls `db.prepare(sql)` on every query, which costs more than running a
 * point query. SQLite has one connection, so a mutex serialises Kysely connections and transactions
 * exactly as upstream does (`kysely/src/dialect/sqlite/sqlite-driver.ts`, which this follows).
 *
 * Read snapshots on the fast path. In WAL mode a statement outside a transaction is a read transaction of
 * its own, and starting and ending one costs more than a point read: two fcntl locks on the `-shm` file and
 * an fstat. Measured on the bench database (10,000 sessions): authenticate's three reads took 37 µs one by
 * one, 25 µs inside one BEGIN ... COMMIT, 18 µs when four requests shared it. So a read-only statement on
 * the fast path (`tryRunSync`) opens a deferred transaction that stays open until the event loop's check
 * phase (`setImmediate`): the fast-path reads of one loop turn, from every request in it, share one
 * snapshot. Everything else that uses the connection ends it first: a statement that writes (or may), a
 * batch, a Kysely query or transaction, close. So a write never lands inside the snapshot, and a read after
 * one of this process's writes sees it. What it changes: a read may miss what another process (the CLI)
 * committed earlier in the same loop turn, as if the read had run that fraction of a millisecond sooner.
 * The snapshot never stays open across the loop's wait for I/O, so it does not hold back checkpoints.
 *
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

const CACHE_LIMIT = 500;

/** A cached statement, and for a reader the function that makes an object of each of its raw rows. */
interface Cached {
  readonly stmt: BetterSqlite3.Statement;
  readonly row: RowFunction | null;
}

type RowFunction = (values: unknown[]) => Record<string, unknown>;

/**
 * The function `{ "col0": v[0], "col1": v[1], ... }` for a reader's columns. better-sqlite3 builds each row
 * object in C++, looking every column name up in V8's string table and adding the properties one by one
 * through the embedder API; a raw row (an array) and an object literal with the names written in are ~0.1 µs
 * a column cheaper (authenticate reads ~35 columns), and every row of a statement then has one shape.
 * The names come from our own SQL, and `JSON.stringify` quotes them; duplicate names keep the last value, as
 * better-sqlite3 does. A column named `__proto__` (a literal may not repeat it, and sets the prototype with
 * it) gets no function: such a statement keeps better-sqlite3's objects.
 */
function compileRow(columns: readonly string[]): RowFunction | null {
  if (columns.includes('__proto__')) return null;
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as RowFunction;
}

class StatementCache {
  readonly #db: BetterSqlite3.Database;
  readonly #cache = new Map<string, Cached>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  get(sql: string): Cached {
    let cached = this.#cache.get(sql);
    if (!cached) {
      const stmt = this.#db.prepare(sql);
      const row = stmt.reader ? compileRow(stmt.columns().map((c) => c.name)) : null;
      if (row) stmt.raw(true);
      cached = { stmt, row };
      // Only fixed-shape queries repeat; dynamic ones (search filters, IN lists) would flood the cache.
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(sql, cached);
    }
    return cached;
  }
}

/** Every row of a reader, as objects. */
function allRows({ stmt, row }: Cached, parameters: readonly unknown[]): unknown[] {
  const rows = stmt.all(parameters as unknown[]) as unknown[];
  if (row) for (let i = 0; i < rows.length; i++) rows[i] = row(rows[i] as unknown[]);
  return rows;
}

/** Kysely's connection: used only while holding the mutex, and never inside the fast path's read snapshot. */
class SqliteConnection implements DatabaseConnection {
  readonly #statements: StatementCache;
  readonly #snapshot: ReadSnapshot;

  constructor(statements: StatementCache, snapshot: ReadSnapshot) {
    this.#statements = statements;
    this.#snapshot = snapshot;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.#snapshot.end();
    const cached = this.#statements.get(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (cached.stmt.reader) return Promise.resolve({ rows: allRows(cached, params) as R[] });
    const { changes, lastInsertRowid } = cached.stmt.run(params);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('only select queries can be streamed');
    this.#snapshot.end();
    const { stmt, row } = this.#statements.get(compiled.sql);
    for (const values of stmt.iterate(compiled.parameters as unknown[])) {
      yield { rows: [(row ? row(values as unknown[]) : values) as R] };
    }
  }
}

class Mutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  get locked(): boolean {
    return this.#held !== undefined;
  }

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

/** The fast path's read snapshot (see the module comment): a deferred transaction open until `setImmediate`. */
class ReadSnapshot {
  readonly #db: BetterSqlite3.Database;
  readonly #statements: StatementCache;
  readonly #begin: BetterSqlite3.Statement;
  readonly #commit: BetterSqlite3.Statement;
  #open = false;
  /** `PRAGMA data_version` in this snapshot, once asked (see change-feed.ts). */
  #version: number | undefined;
  readonly #end = () => this.end();

  constructor(db: BetterSqlite3.Database, statements: StatementCache) {
    this.#db = db;
    this.#statements = statements;
    this.#begin = statements.get('begin').stmt;
    this.#commit = statements.get('commit').stmt;
  }

  /** Opens the snapshot unless one is open (nothing else holds a transaction when the fast path runs). */
  enter(): void {
    if (this.#open) return;
    this.#begin.run();
    this.#open = true;
    this.#version = undefined;
    setImmediate(this.#end);
  }

  /** Enters the snapshot; `PRAGMA data_version` in it (it moves when another connection has committed). */
  dataVersion(): number {
    this.enter();
    return (this.#version ??= (allRows(this.#statements.get('pragma data_version'), [])[0] as { data_version: number }).data_version);
  }

  end(): void {
    if (!this.#open) return;
    this.#open = false;
    if (!this.#db.open) return; // closed under it: SQLite ended the transaction
    // A read-only transaction has nothing to commit that can fail; if COMMIT ever did, the connection must
    // still not be left inside a transaction for the next writer.
    try {
      this.#commit.run();
    } finally {
      if (this.#db.open && this.#db.inTransaction) this.#db.exec('rollback');
    }
  }
}

export class CachingSqliteDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #mutex = new Mutex();
  readonly #statements: StatementCache;
  readonly #connection: SqliteConnection;
  readonly #snapshot: ReadSnapshot;
  readonly #runAll: BetterSqlite3.Transaction<(stmt: BetterSqlite3.Statement, parameterLists: readonly (readonly unknown[])[]) => void>;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    // Made once: better-sqlite3's `transaction()` builds four wrapper functions and defines five properties
    // on each every time it is called (a write-behind flush runs one transaction per 32 rows).
    this.#runAll = db.transaction((stmt: BetterSqlite3.Statement, parameterLists: readonly (readonly unknown[])[]) => {
      for (const params of parameterLists) stmt.run(params as unknown[]);
    });
    this.#statements = new StatementCache(db);
    this.#snapshot = new ReadSnapshot(db, this.#statements);
    this.#connection = new SqliteConnection(this.#statements, this.#snapshot);
  }

  /**
   * `PRAGMA data_version` in the fast path's current read snapshot (opening one), for the read caches'
   * change feed; undefined while a query or transaction holds the connection.
   */
  dataVersion(): number | undefined {
    return this.#mutex.locked ? undefined : this.#snapshot.dataVersion();
  }

  /**
   * Runs a statement at once, bypassing Kysely's asynchronous connection hand-off, when no query or
   * transaction holds the connection; `undefined` when one does (the caller then queues through Kysely).
   * Safe because better-sqlite3 is synchronous: the statement starts and ends before anything else runs.
   */
  tryRunSync(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    if (this.#mutex.locked) return undefined;
    const cached = this.#statements.get(sql);
    if (cached.stmt.readonly) {
      this.#snapshot.enter();
      return allRows(cached, parameters);
    }
    this.#snapshot.end();
    if (cached.stmt.reader) return allRows(cached, parameters);
    cached.stmt.run(parameters as unknown[]);
    return [];
  }

  /**
   * Runs one statement for each parameter list in one immediate transaction: at once (synchronously) when
   * no query or transaction holds the connection, else as soon as the one holding it is done. It does not
   * wait for another process's write lock: with the busy timeout in force, `begin immediate` would block
   * the event loop (every request) for up to that long and then fail anyway. It fails with SQLITE_BUSY at
   * once instead, for the caller to retry.
   */
  async batchNoWait(sql: string, parameterLists: readonly (readonly unknown[])[]): Promise<void> {
    if (!this.#mutex.locked) return this.#batchNow(sql, parameterLists);
    await this.#mutex.lock();
    try {
      this.#batchNow(sql, parameterLists);
    } finally {
      this.#mutex.unlock();
    }
  }

  #batchNow(sql: string, parameterLists: readonly (readonly unknown[])[]): void {
    this.#snapshot.end();
    const { stmt } = this.#statements.get(sql);
    // Through the statement cache: `db.pragma()` compiles its statement on every call (three per batch).
    const busyTimeout = (allRows(this.#statements.get('pragma busy_timeout'), [])[0] as { timeout: number }).timeout;
    allRows(this.#statements.get('pragma busy_timeout = 0'), []);
    try {
      this.#runAll.immediate(stmt, parameterLists);
    } finally {
      allRows(this.#statements.get(`pragma busy_timeout = ${Math.trunc(busyTimeout)}`), []);
    }
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(conn: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    // IMMEDIATE takes the write lock up front, so a read-then-write transaction cannot fail with
    // SQLITE_BUSY half-way when another process (the CLI) writes the same file.
    await conn.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#snapshot.end();
    this.#db.close();
  }
}
