/**
 * Compile-once queries for hot paths. Kysely compiles a query on every call (tens of microseconds), more
 * than SQLite needs to run a point query. `prepared()` builds the query once with named markers in place of
 * values, records where each marker lands in the parameter list, and afterwards only re-binds values: the
 * same SQL text reaches the driver every time, so its prepared-statement cache hits.
 *
 * @module
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

const MARK = '\u0000tessera-param:';

/** Runs compiled SQL on the driver's connection directly (SQLite). */
export interface DirectRunner {
  /** Runs at once when the connection is free; undefined when it is not. */
  one(sql: string, parameters: readonly unknown[]): unknown[] | undefined;
  /**
   * The statement once per parameter list, in one transaction: at once when the connection is free, else
   * right after the query or transaction holding it. It never waits for another process's write lock: it
   * fails (SQLITE_BUSY) instead, and the caller retries.
   */
  batch(sql: string, parameterLists: readonly (readonly unknown[])[]): Promise<void>;
}

/** A marker for a named value; typed as `T` so it fits wherever the builder expects a value. */
export function param<T = never>(name: string): T {
  return (MARK + name) as T;
}

export interface Prepared<Row> {
  /** The compiled SQL (for EXPLAIN in tests and diagnostics). */
  readonly sql: string;
  /** Runs the query with these values; `on` runs it inside a transaction instead. */
  execute(values: Record<string, unknown>, on?: Pick<Kysely<unknown>, 'executeQuery'>): Promise<Row[]>;
  /**
   * Runs the statement once per set of values, all in one transaction. On SQLite it does not wait for
   * another process's write lock (it fails at once, so the event loop is never held up by a busy timeout).
   */
  executeBatch(valuesList: Record<string, unknown>[]): Promise<void>;
}

/**
 * Compiles `build()` once for `db`. `direct`, when the driver offers one (SQLite: see `openSqlite`), lets
 * the query skip Kysely's connection hand-off (several promise hops per query) whenever the connection is
 * free; it is passed explicitly by whoever opened the database. Queries in a transaction never use it.
 */
export function prepared<DB, Row>(db: Kysely<DB>, build: () => Compilable<Row>, direct?: DirectRunner): Prepared<Row> {
  const compiled = build().compile();
  const names = compiled.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith(MARK)) throw new Error(`prepared query has a literal parameter ${String(p)}; use param()`);
    return p.slice(MARK.length);
  });
  const bind = (values: Record<string, unknown>) =>
    names.map((n) => {
      if (!(n in values)) throw new Error(`missing value for ${n}`);
      return values[n];
    });
  return {
    sql: compiled.sql,
    async executeBatch(valuesList) {
      const lists = valuesList.map(bind);
      if (direct) return direct.batch(compiled.sql, lists);
      await db.transaction().execute(async (trx) => {
        for (const params of lists) await trx.executeQuery(CompiledQuery.raw(compiled.sql, params));
      });
    },
    async execute(values, on) {
      const params = bind(values);
      const rows = on ? undefined : direct?.one(compiled.sql, params);
      if (rows) return rows as Row[];
      const result = await (on ?? db).executeQuery<Row>(CompiledQuery.raw(compiled.sql, params));
      return result.rows;
    },
  };
}
