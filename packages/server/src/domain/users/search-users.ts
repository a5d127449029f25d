import type { UserRecord } from '../../store/records.js';
import type { UserSearchOperand } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';

export interface SearchInput {
  cursor?: string | null | undefined;
  limit?: number | undefined;
  query?: { operator?: string; operands?: { filter_name?: unknown; filter_value?: unknown }[] } | null | undefined;
}

export const SEARCH_DEFAULT_LIMIT = 100;
export const SEARCH_MAX_LIMIT = 1000;

const bad = (message: string) => new ApiError('invalid_search_query', message);

function time(value: unknown, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw bad(`${name} needs an RFC 3339 timestamp.`);
  return ms;
}
function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length > 1000 || !value.every((v) => typeof v === 'string')) {
    throw bad(`${name} needs a list of at most 1000 strings.`);
  }
  return value as string[];
}
function bool(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw bad(`${name} needs a boolean.`);
  return value;
}
function fuzzy(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length < 3 || value.length > 256) throw bad(`${name} needs a string of 3 to 256 characters.`);
  return value;
}

/** Filters on factors Tessera does not model yet: no user has them. */
const ABSENT_FACTOR_FILTERS = new Set([
  'oauth_provider',
  'webauthn_registration_verified',
  'webauthn_registration_id',
  'crypto_wallet_id',
  'crypto_wallet_address',
  'crypto_wallet_verified',
  'totp_id',
  'totp_verified',
]);

export function parseOperand(op: { filter_name?: unknown; filter_value?: unknown }): UserSearchOperand {
  const name = op.filter_name;
  const v = op.filter_value;
  if (typeof name !== 'string') throw bad('Each operand needs a filter_name.');
  switch (name) {
    case 'created_at_greater_than':
      return { kind: 'created_at', gt: time(v, name) };
    case 'created_at_less_than':
      return { kind: 'created_at', lt: time(v, name) };
    case 'created_at_between': {
      const o = (v ?? {}) as { greater_than?: unknown; less_than?: unknown };
      return { kind: 'created_at', gt: time(o.greater_than, `${name}.greater_than`), lt: time(o.less_than, `${name}.less_than`) };
    }
    case 'status':
      if (v !== 'active' && v !== 'pending') throw bad('status is "active" or "pending".');
      return { kind: 'status', value: v };
    case 'user_id':
      return { kind: 'user_ids', values: strings(v, name) };
    case 'full_name_fuzzy':
      return { kind: 'full_name_fuzzy', value: fuzzy(v, name) };
    case 'email_address':
      return { kind: 'email_addresses', values: strings(v, name) };
    case 'email_id':
      return { kind: 'email_ids', values: strings(v, name) };
    case 'email_address_fuzzy':
      return { kind: 'email_fuzzy', value: fuzzy(v, name) };
    case 'email_verified':
      return { kind: 'email_verified', value: bool(v, name) };
    case 'phone_number':
      return { kind: 'phone_numbers', values: strings(v, name) };
    case 'phone_id':
      return { kind: 'phone_ids', values: strings(v, name) };
    case 'phone_number_fuzzy':
      return { kind: 'phone_fuzzy', value: fuzzy(v, name) };
    case 'phone_verified':
      return { kind: 'phone_verified', value: bool(v, name) };
    case 'password_exists':
      return { kind: 'password_exists', value: bool(v, name) };
    default:
      if (ABSENT_FACTOR_FILTERS.has(name)) return { kind: 'never' };
      throw bad(`Unknown filter_name "${name.slice(0, 64)}".`);
  }
}

/** Opaque keyset cursor over (created_at, user_id). */
export function encodeCursor(user: UserRecord): string {
  return Buffer.from(JSON.stringify([user.created_at, user.user_id])).toString('base64url');
}

function decodeCursor(cursor: string): { created_at: number; user_id: string } {
  try {
    const [created_at, user_id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof created_at === 'number' && typeof user_id === 'string') return { created_at, user_id };
  } catch {
    // fall through
  }
  throw new ApiError('invalid_cursor');
}

export async function searchUsers(ctx: ProjectContext, input: SearchInput) {
  const limit = input.limit ?? SEARCH_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
    throw new ApiError('invalid_argument', `limit must be an integer between 1 and ${SEARCH_MAX_LIMIT}.`);
  }
  const operator = input.query?.operator ?? 'AND';
  if (operator !== 'AND' && operator !== 'OR') throw bad('operator is "AND" or "OR".');
  const operands = (input.query?.operands ?? []).map(parseOperand);
  if (operands.length > 50) throw bad('At most 50 operands.');
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  // One extra row tells whether another page exists without a second query.
  const { users, total } = await ctx.stores.users.search(ctx.project.project_id, { operator, operands, after, limit: limit + 1 });
  const page = users.slice(0, limit);
  const next_cursor = users.length > limit ? encodeCursor(page[page.length - 1]!) : null;
  return { users: page, total, next_cursor };
}
