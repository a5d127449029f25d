import type BetterSqlite3 from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely';
import type { CachingSqliteDriver } from './sqlite-driver.js';

/** SQLite does run DDL inside transactions; saying so makes Kysely's migrator all-or-nothing here too. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect over our caching driver. The driver is made by the caller (`openSqlite`), which
 * also hands its synchronous fast path to the stores: nothing reaches into the dialect for it.
 */
export class TesseraSqliteDialect implements Dialect {
  readonly #db: BetterSqlite3.Database;
  readonly #driver: CachingSqliteDriver;

  constructor(db: BetterSqlite3.Database, driver: CachingSqliteDriver) {
    this.#db = db;
    this.#driver = driver;
  }

  createDriver(): Driver {
    return this.#driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  /** The underlying better-sqlite3 handle (for pragmas and backups). */
  get database(): BetterSqlite3.Database {
    return this.#db;
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
