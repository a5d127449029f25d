/**
 * SQL shared by the search queries (users, organizations, members), valid on SQLite and PostgreSQL:
 * literal truth values, LIKE escaping, operand combination and the counted keyset page.
 *
 * @module
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database } from '../schema.js';

// Literal truth values: SQLite cannot bind JS booleans, and a literal keeps the SQL the same on every dialect.
export const TRUE = sql<SqlBool>`1 = 1`;
export const FALSE = sql<SqlBool>`1 = 0`;

/** `%value%` for `LIKE ... ESCAPE '\'`, lower-cased, with the value's own wildcards taken literally. */
export const likeEscape = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/** The operands joined by the query's operator; no operand matches everything. */
export function combine<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, parts: Expression<SqlBool>[], operator: 'AND' | 'OR'): Expression<SqlBool> {
  if (parts.length === 0) return TRUE;
  return operator === 'OR' ? eb.or(parts) : eb.and(parts);
}

type Searchable = 'users' | 'organizations' | 'members';
const ID = { users: 'user_id', organizations: 'organization_id', members: 'member_id' } as const;

/**
 * The rows of `table` matching `where`, oldest first by (created_at, id), strictly after the keyset
 * position, at most `limit`; with the total count of matching rows.
 */
export async function keysetSearch<T extends Searchable>(
  db: Kysely<Database>,
  table: T,
  where: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>,
  after: { created_at: number; id: string } | null,
  limit: number,
): Promise<{ rows: Selectable<Database[T]>[]; total: number }> {
  const t: Searchable = table;
  // The three tables share `created_at` and a text id; the caller's filter is typed for its own table.
  const filtered = db.selectFrom(t).where(where as unknown as (eb: ExpressionBuilder<Database, Searchable>) => Expression<SqlBool>);
  const countRow = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = filtered.selectAll();
  if (after) {
    page = page.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb.and([eb('created_at', '=', after.created_at), eb(ID[t], '>', after.id)])]));
  }
  const rows = await page.orderBy('created_at').orderBy(ID[t]).limit(limit).execute();
  return { rows: rows as Selectable<Database[T]>[], total: Number(countRow.n) };
}
