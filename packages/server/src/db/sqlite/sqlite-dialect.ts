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
import { CachingSqliteDriver } from './sqlite-driver.js';

/** SQLite does run DDL inside transactions; saying so makes Kysely's migrator all-or-nothing here too. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TesseraSqliteDialect implements Dialect {
  readonly #db: BetterSqlite3.Database;
  /** Created here, not in createDriver, so the synchronous fast path (`tryRunSync`) can reach it. */
  readonly driver: CachingSqliteDriver;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.driver = new CachingSqliteDriver(db);
  }

  createDriver(): Driver {
    return this.driver;
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
