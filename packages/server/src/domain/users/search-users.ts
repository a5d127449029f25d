import type { UserSearchOperand } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { operandValues } from '../search/operand-values.js';
import { runSearch, type Operand, type SearchPageInput } from '../search/search-page.js';

export type SearchInput = SearchPageInput;

const bad = (message: string) => new ApiError('invalid_search_query', message);

function time(value: unknown, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw bad(`${name} needs an RFC 3339 timestamp.`);
  return ms;
}
const { strings, bool, fuzzy } = operandValues({ strings: 'invalid_search_query', boolean: 'invalid_search_query', fuzzy: 'invalid_search_query' });

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

export function parseOperand(op: Operand): UserSearchOperand {
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

export async function searchUsers(ctx: ProjectContext, input: SearchInput) {
  const { rows, total, next_cursor } = await runSearch(
    input,
    parseOperand,
    async (q) => {
      const { users, total } = await ctx.stores.users.search(ctx.project.project_id, { ...q, after: q.after && { created_at: q.after.created_at, user_id: q.after.id } });
      return { rows: users, total };
    },
    (u) => ({ created_at: u.created_at, id: u.user_id }),
  );
  return { users: rows, total, next_cursor };
}
