import { ConflictError } from '../../store/stores.js';

/**
 * Maps a unique-constraint violation to the field it protects, for SQLite (`SQLITE_CONSTRAINT_UNIQUE`,
 * message naming `table.column`) and PostgreSQL (`23505`, constraint named after the table).
 * Anything else is returned unchanged.
 */
export function asConflict(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== '23505') return err;
  const text = `${err.message} ${(err as { constraint?: string }).constraint ?? ''}`;
  if (text.includes('user_emails')) return new ConflictError('email');
  if (text.includes('user_phones')) return new ConflictError('phone_number');
  if (text.includes('external')) return new ConflictError('external_id');
  return err;
}
