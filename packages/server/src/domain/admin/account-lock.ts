/**
 * An operator locks or unlocks a user or a B2B member from the console. A lock is the lockout state that
 * wrong passwords produce, set to last until someone unlocks it: every sign-in that checks the lock
 * (passwords, one-time codes, magic links) is refused with `user_lock_limit_reached`, and the user and
 * member objects report `is_locked`. Unlocking also forgets the failed attempts.
 *
 * @module
 */
import type { LockoutState } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { CLEAR_LOCKOUT, sameLockout } from '../passwords/lockout.js';
import type { PasswordAccountStore } from '../passwords/verify-password-with-lockout.js';

/** The end of an operator's lock: the last day RFC 3339 can write (the lock holds until unlocked). */
export const LOCKED_UNTIL_UNLOCKED = Date.UTC(9999, 11, 31);

export type LockableKind = 'user' | 'member';

function storeOf(ctx: ProjectContext, kind: LockableKind): Pick<PasswordAccountStore, 'lockoutState' | 'compareAndSetLockout'> {
  return kind === 'user' ? ctx.stores.users : ctx.stores.members;
}

async function setLockout(ctx: ProjectContext, kind: LockableKind, id: string, next: (now: number) => LockoutState): Promise<void> {
  const store = storeOf(ctx, kind);
  const projectId = ctx.project.project_id;
  // Compare-and-set against what a parallel sign-in may be writing; a few rounds at most in practice.
  for (let round = 0; round < 16; round++) {
    const state = await store.lockoutState(projectId, id);
    if (!state) throw new ApiError(kind === 'user' ? 'user_not_found' : 'member_not_found');
    const wanted = next(ctx.clock());
    if (sameLockout(state, wanted)) return;
    if (await store.compareAndSetLockout(projectId, id, state, wanted)) return;
  }
  throw new ApiError('too_many_requests');
}

export function lockAccount(ctx: ProjectContext, kind: LockableKind, id: string): Promise<void> {
  return setLockout(ctx, kind, id, (now) => ({ failed_attempts: 0, failed_window_started_at: null, lock_created_at: now, lock_expires_at: LOCKED_UNTIL_UNLOCKED }));
}

export function unlockAccount(ctx: ProjectContext, kind: LockableKind, id: string): Promise<void> {
  return setLockout(ctx, kind, id, () => CLEAR_LOCKOUT);
}
