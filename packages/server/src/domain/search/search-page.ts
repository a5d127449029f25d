/**
 * The paging half of every search endpoint (users, organizations, members): `limit` (default 100, at most
 * 1000), the `AND`/`OR` operator, and an opaque keyset cursor over (created_at, id).
 *
 * @module
 */
import { ApiError } from '../errors.js';

export const SEARCH_DEFAULT_LIMIT = 100;
export const SEARCH_MAX_LIMIT = 1000;

export type Operand = { filter_name?: unknown; filter_value?: unknown };

/** The body of a search request (the query's operands are parsed by each search). */
export interface SearchPageInput {
  cursor?: string | null | undefined;
  limit?: number | undefined;
  query?: { operator?: string; operands?: Operand[] } | null | undefined;
}

export interface SearchPosition {
  created_at: number;
  id: string;
}

export function encodeCursor(created_at: number, id: string): string {
  return Buffer.from(JSON.stringify([created_at, id])).toString('base64url');
}

function decodeCursor(cursor: string): SearchPosition {
  try {
    const [created_at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof created_at === 'number' && typeof id === 'string') return { created_at, id };
  } catch {
    // fall through
  }
  throw new ApiError('invalid_cursor');
}

/** Validated paging parameters; the store is asked for `limit + 1` rows to learn whether a next page exists. */
export function searchPage(input: SearchPageInput): { limit: number; operator: 'AND' | 'OR'; after: SearchPosition | null } {
  const limit = input.limit ?? SEARCH_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
    throw new ApiError('invalid_argument', `limit must be an integer between 1 and ${SEARCH_MAX_LIMIT}.`);
  }
  const operator = input.query?.operator ?? 'AND';
  if (operator !== 'AND' && operator !== 'OR') throw new ApiError('invalid_search_query', 'operator is "AND" or "OR".');
  return { limit, operator, after: input.cursor ? decodeCursor(input.cursor) : null };
}

/**
 * A search from request to page: paging checked, operands parsed (at most 50), the store asked for one row
 * more than the page to learn whether another page exists, and the next cursor named (null on the last).
 */
export async function runSearch<Op, R>(
  input: SearchPageInput,
  parse: (op: Operand) => Op,
  fetch: (q: { operator: 'AND' | 'OR'; operands: Op[]; after: SearchPosition | null; limit: number }) => Promise<{ rows: R[]; total: number }>,
  position: (row: R) => SearchPosition,
): Promise<{ rows: R[]; total: number; next_cursor: string | null }> {
  const { limit, operator, after } = searchPage(input);
  const operands = (input.query?.operands ?? []).map(parse);
  if (operands.length > 50) throw new ApiError('invalid_search_query', 'At most 50 operands.');
  const { rows, total } = await fetch({ operator, operands, after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, total, next_cursor: rows.length > limit && last ? encodeCursor(position(last).created_at, position(last).id) : null };
}
