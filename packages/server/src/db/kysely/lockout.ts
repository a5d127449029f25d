/**
 * Password and lockout columns, shared by the two tables that hold passwords: `users` (consumer) and
 * `members` (B2B). Both have the same columns for them; only the id column differs.
 *
 * @module
 */
import type { Kysely } from 'kysely';
import type { LockoutState } from '../../store/records.js';
import type { PasswordRecord } from '../../store/records.js';
import type { Database, PasswordColumn, UsersTable } from '../schema.js';

export type PasswordTable = 'users' | 'members';
const ID = { users: 'user_id', members: 'member_id' } as const;

type PasswordRow = Pick<UsersTable, PasswordColumn>;

export function passwordColumns(password: PasswordRecord | null) {
  return { password_id: password?.password_id ?? null, password_hash: password?.hash ?? null, password_requires_reset: password?.requires_reset ? 1 : 0 };
}

export function passwordFromRow(r: PasswordRow): PasswordRecord | null {
  return r.password_id && r.password_hash ? { password_id: r.password_id, hash: r.password_hash, requires_reset: r.password_requires_reset === 1 } : null;
}

/** The lockout columns of an account with no failed attempts and no lock. */
export const CLEAR_LOCKOUT_COLUMNS = { failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null } as const;

/** Timestamps come back as numbers or bigints depending on the driver. */
const ms = (v: number | null) => (v === null ? null : Number(v));

export function lockoutFromRow(r: Pick<PasswordRow, 'failed_attempts' | 'failed_window_started_at' | 'lock_created_at' | 'lock_expires_at'>): LockoutState {
  return {
    failed_attempts: r.failed_attempts,
    failed_window_started_at: ms(r.failed_window_started_at),
    lock_created_at: ms(r.lock_created_at),
    lock_expires_at: ms(r.lock_expires_at),
  };
}

/** The stored lockout state, or null when the account does not exist. */
export async function lockoutState(db: Kysely<Database>, table: PasswordTable, projectId: string, id: string): Promise<LockoutState | null> {
  const row = await db
    .selectFrom(table)
    .select(['failed_attempts', 'failed_window_started_at', 'lock_created_at', 'lock_expires_at'])
    .where('project_id', '=', projectId)
    .where(ID[table], '=', id)
    .executeTakeFirst();
  return row ? lockoutFromRow(row) : null;
}

/**
 * Writes `next` only where the stored state still equals `expected` (compare-and-set: a single UPDATE, so
 * two requests that read the same state cannot both win). The rules that compute `next` are the domain's.
 */
export async function compareAndSetLockout(
  db: Kysely<Database>,
  table: PasswordTable,
  projectId: string,
  id: string,
  expected: LockoutState,
  next: LockoutState,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({
      failed_attempts: next.failed_attempts,
      failed_window_started_at: next.failed_window_started_at,
      lock_created_at: next.lock_created_at,
      lock_expires_at: next.lock_expires_at,
    })
    .where('project_id', '=', projectId)
    .where(ID[table], '=', id)
    .where((eb) => {
      const same = (column: 'failed_window_started_at' | 'lock_created_at' | 'lock_expires_at') =>
        expected[column] === null ? eb(column, 'is', null) : eb(column, '=', expected[column]);
      return eb.and([eb('failed_attempts', '=', expected.failed_attempts), same('failed_window_started_at'), same('lock_created_at'), same('lock_expires_at')]);
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a hash that verified (an upgrade from a migrated hash), only if it is still `previous`. */
export async function upgradePasswordHash(db: Kysely<Database>, table: PasswordTable, projectId: string, id: string, previous: string, next: string): Promise<void> {
  await db
    .updateTable(table)
    .set({ password_hash: next })
    .where('project_id', '=', projectId)
    .where(ID[table], '=', id)
    .where('password_hash', '=', previous)
    .execute();
}
