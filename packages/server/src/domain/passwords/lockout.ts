/**
 * The password lockout rules, as pure functions of an account's lockout state. The store only reads the
 * state and writes the next one with compare-and-set (`PasswordAccountStore.compareAndSetLockout`), so
 * the rules live here and hold under parallel requests on any database.
 *
 * An attempt is *reserved* before the password is hashed: the reservation counts it as a failure at once,
 * and no more than `threshold` reservations are handed out per window. Parallel guesses therefore get at
 * most `threshold` real verifications in all, not `threshold` each (which is what a check-then-count
 * scheme gives when every request checks the lock before any of them has counted). A verification that
 * fails locks the account once the count has reached the threshold; one that succeeds clears the count.
 *
 * @module
 */
import type { LockoutState } from '../../store/records.js';

export interface LockoutPolicy {
  /** Failed attempts within `windowMs` that lock the account. */
  threshold: number;
  windowMs: number;
  /** How long a lock lasts. */
  lockMs: number;
}

export const CLEAR_LOCKOUT: LockoutState = Object.freeze({ failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null });

/** Whether a lock is in force at `now` (locks end by themselves). */
export function isLocked(state: Pick<LockoutState, 'lock_expires_at'>, now: number): boolean {
  return state.lock_expires_at !== null && state.lock_expires_at > now;
}

/** `next` is the state to store (null: nothing to write). */
export type Reservation = { granted: true; next: LockoutState } | { granted: false; next: null };

/**
 * Reserves one verification: refused while the account is locked, or when the window's attempts (finished
 * or still in flight) have used up the threshold. A window older than `windowMs` starts over, and an
 * expired lock is forgotten.
 */
export function reserveAttempt(state: LockoutState, now: number, policy: LockoutPolicy): Reservation {
  if (isLocked(state, now)) return { granted: false, next: null };
  const start = state.failed_window_started_at;
  const fresh = start === null || now - start >= policy.windowMs;
  const attempts = fresh ? 0 : state.failed_attempts;
  if (attempts >= policy.threshold) return { granted: false, next: null };
  return {
    granted: true,
    next: { failed_attempts: attempts + 1, failed_window_started_at: fresh ? now : start, lock_created_at: null, lock_expires_at: null },
  };
}

/**
 * After a reserved verification failed (it is already counted): locks the account when the count has
 * reached the threshold. `locked` tells whether the account is locked now, by this failure or another.
 */
export function failedAttempt(state: LockoutState, now: number, policy: LockoutPolicy): { locked: boolean; next: LockoutState | null } {
  if (isLocked(state, now)) return { locked: true, next: null };
  if (state.failed_attempts < policy.threshold) return { locked: false, next: null };
  return { locked: true, next: { failed_attempts: 0, failed_window_started_at: null, lock_created_at: now, lock_expires_at: now + policy.lockMs } };
}

/**
 * Gives back a reserved attempt whose verification never ran (the project's password queue was full, or
 * its worker died): no guess was checked, so none is counted. `reserved` is the state the reservation
 * wrote. Nothing changes once the account has been locked or its window has started over since.
 */
export function releaseAttempt(state: LockoutState, reserved: LockoutState): { next: LockoutState | null } {
  if (state.lock_created_at !== null || state.failed_window_started_at !== reserved.failed_window_started_at || state.failed_attempts < 1) {
    return { next: null };
  }
  return { next: { ...state, failed_attempts: state.failed_attempts - 1 } };
}

export function sameLockout(a: LockoutState, b: LockoutState): boolean {
  return (
    a.failed_attempts === b.failed_attempts &&
    a.failed_window_started_at === b.failed_window_started_at &&
    a.lock_created_at === b.lock_created_at &&
    a.lock_expires_at === b.lock_expires_at
  );
}
