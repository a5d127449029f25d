/**
 * A Kysely driver for better-sqlite3 that caches prepared statements.
 *
 * Kysely's own `SqliteDriver` calls `db.prepare(sql)` on every query, which costs more than running a
 * point query. SQLite has one connection, so a mutex serialises Kysely connections and transactions
 * exactly as upstream does (`kysely/src/dialect/sqlite/sqlite-driver.ts`, which this follows).
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

class StatementCache {
  readonly #db: BetterSqlite3.Database;
  readonly #cache = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  get(sql: string): BetterSqlite3.Statement {
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      // Only fixed-shape queries repeat; dynamic ones (search filters, IN lists) would flood the cache.
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }
}

class SqliteConnection implements DatabaseConnection {
  readonly #statements: StatementCache;

  constructor(statements: StatementCache) {
    this.#statements = statements;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#statements.get(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(params) as R[] });
    const { changes, lastInsertRowid } = stmt.run(params);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('only select queries can be streamed');
    for (const row of this.#statements.get(compiled.sql).iterate(compiled.parameters as unknown[])) {
      yield { rows: [row as R] };
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

export class CachingSqliteDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #mutex = new Mutex();
  readonly #statements: StatementCache;
  readonly #connection: SqliteConnection;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#statements = new StatementCache(db);
    this.#connection = new SqliteConnection(this.#statements);
  }

  /**
   * Runs a statement at once, bypassing Kysely's asynchronous connection hand-off, when no query or
   * transaction holds the connection; `undefined` when one does (the caller then queues through Kysely).
   * Safe because better-sqlite3 is synchronous: the statement starts and ends before anything else runs.
   */
  tryRunSync(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    if (this.#mutex.locked) return undefined;
    const stmt = this.#statements.get(sql);
    if (stmt.reader) return stmt.all(parameters as unknown[]);
    stmt.run(parameters as unknown[]);
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
    const stmt = this.#statements.get(sql);
    // Through the statement cache: `db.pragma()` compiles its statement on every call (three per batch).
    const busyTimeout = (this.#statements.get('pragma busy_timeout').get() as { timeout: number }).timeout;
    this.#statements.get('pragma busy_timeout = 0').get();
    try {
      this.#db.transaction(() => {
        for (const params of parameterLists) stmt.run(params as unknown[]);
      }).immediate();
    } finally {
      this.#statements.get(`pragma busy_timeout = ${Math.trunc(busyTimeout)}`).get();
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
    this.#db.close();
  }
}
