/**
 * Password and lockout columns, shared by the two tables that hold passwords: `users` (consumer) and
 * `members` (B2B). Both have the same columns for them; only the id column differs.
 *
 * @module
 */
import type { Kysely } from 'kysely';
import type { LockoutState } from '../../store/b2b-records.js';
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

/** Timestamps come back as numbers or bigints depending on the driver. */
const ms = (v: number | null) => (v === null ? null : Number(v));

export function lockoutFromRow(r: PasswordRow): LockoutState {
  return {
    failed_attempts: r.failed_attempts,
    failed_window_started_at: ms(r.failed_window_started_at),
    lock_created_at: ms(r.lock_created_at),
    lock_expires_at: ms(r.lock_expires_at),
  };
}

export interface LockoutPolicy {
  threshold: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Counts a failed attempt inside the policy window (a new window starts when the last one has passed) and
 * locks the account when the count reaches the threshold. Returns the lock expiry when this attempt locks.
 */
export async function recordFailedAttempt(db: Kysely<Database>, table: PasswordTable, projectId: string, id: string, now: number, policy: LockoutPolicy): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom(table)
      .select(['failed_attempts', 'failed_window_started_at'])
      .where('project_id', '=', projectId)
      .where(ID[table], '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const windowStart = row.failed_window_started_at === null ? null : Number(row.failed_window_started_at);
    const fresh = windowStart === null || now - windowStart >= policy.windowMs;
    const attempts = fresh ? 1 : row.failed_attempts + 1;
    const locks = attempts >= policy.threshold;
    await trx
      .updateTable(table)
      .set({
        failed_attempts: locks ? 0 : attempts,
        failed_window_started_at: locks ? null : fresh ? now : windowStart,
        ...(locks ? { lock_created_at: now, lock_expires_at: now + policy.lockMs } : {}),
      })
      .where('project_id', '=', projectId)
      .where(ID[table], '=', id)
      .execute();
    return locks ? now + policy.lockMs : null;
  });
}

export async function clearFailedAttempts(db: Kysely<Database>, table: PasswordTable, projectId: string, id: string): Promise<void> {
  await db
    .updateTable(table)
    .set({ failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null })
    .where('project_id', '=', projectId)
    .where(ID[table], '=', id)
    .execute();
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
