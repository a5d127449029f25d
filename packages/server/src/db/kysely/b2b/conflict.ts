import { B2BConflictError } from '../../../store/b2b-stores.js';

/**
 * Maps a unique-constraint violation on a B2B table to the field it protects. SQLite names the columns
 * (`members.organization_id, members.email_address`), PostgreSQL the index, whose name carries the column
 * (see migration 0003_b2b). Anything else is returned unchanged.
 */
export function asB2BConflict(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== '23505') return err;
  const text = `${err.message} ${(err as { constraint?: string }).constraint ?? ''}`;
  if (text.includes('organization_slug')) return new B2BConflictError('organization_slug');
  if (text.includes('organization_external_id')) return new B2BConflictError('organization_external_id');
  if (text.includes('email_address')) return new B2BConflictError('member_email');
  if (text.includes('external_id')) return new B2BConflictError('member_external_id');
  return err;
}
