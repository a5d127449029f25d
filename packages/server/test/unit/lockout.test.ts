import { describe, expect, it } from 'vitest';
import { CLEAR_LOCKOUT, failedAttempt, isLocked, releaseAttempt, reserveAttempt } from '../../src/domain/passwords/lockout.js';

const policy = { threshold: 3, windowMs: 1000, lockMs: 5000 };
const T0 = 1_700_000_000_000;

describe('lockout rules', () => {
  it('reserves attempts up to the threshold per window, counting those still in flight', () => {
    let state = CLEAR_LOCKOUT;
    for (let i = 1; i <= 3; i++) {
      const r = reserveAttempt(state, T0 + i, policy);
      expect(r.granted).toBe(true);
      state = r.next!;
      expect(state).toMatchObject({ failed_attempts: i, failed_window_started_at: T0 + 1 });
    }
    expect(reserveAttempt(state, T0 + 10, policy)).toEqual({ granted: false, next: null });
    // A new window starts over once the old one has passed.
    expect(reserveAttempt(state, T0 + 1 + 1000, policy)).toMatchObject({ granted: true, next: { failed_attempts: 1, failed_window_started_at: T0 + 1001 } });
  });

  it('a failure locks once the count has reached the threshold, and a lock ends by itself', () => {
    const two = { ...CLEAR_LOCKOUT, failed_attempts: 2, failed_window_started_at: T0 };
    expect(failedAttempt(two, T0 + 5, policy)).toEqual({ locked: false, next: null });
    const three = { ...two, failed_attempts: 3 };
    const { locked, next } = failedAttempt(three, T0 + 5, policy);
    expect(locked).toBe(true);
    expect(next).toEqual({ failed_attempts: 0, failed_window_started_at: null, lock_created_at: T0 + 5, lock_expires_at: T0 + 5005 });
    expect(isLocked(next!, T0 + 5004)).toBe(true);
    expect(reserveAttempt(next!, T0 + 5004, policy).granted).toBe(false);
    // Another failure finishing while locked changes nothing.
    expect(failedAttempt(next!, T0 + 6, policy)).toEqual({ locked: true, next: null });
    // After the lock: a fresh window, and the old lock fields are forgotten.
    expect(isLocked(next!, T0 + 5005)).toBe(false);
    expect(reserveAttempt(next!, T0 + 5005, policy)).toEqual({
      granted: true,
      next: { failed_attempts: 1, failed_window_started_at: T0 + 5005, lock_created_at: null, lock_expires_at: null },
    });
  });

  it('gives back a reserved attempt that was never verified, unless the account was locked or the window restarted since', () => {
    const one = reserveAttempt(CLEAR_LOCKOUT, T0, policy).next!;
    const two = reserveAttempt(one, T0 + 1, policy).next!;
    expect(releaseAttempt(two, two)).toEqual({ next: { ...two, failed_attempts: 1 } });
    // Another request's reservation in between: still only this one is given back.
    const three = reserveAttempt(two, T0 + 2, policy).next!;
    expect(releaseAttempt(three, two)).toEqual({ next: { ...three, failed_attempts: 2 } });
    // Locked meanwhile, or a new window: nothing to give back.
    const locked = failedAttempt(three, T0 + 3, policy).next!;
    expect(releaseAttempt(locked, two)).toEqual({ next: null });
    const later = reserveAttempt(two, T0 + 1 + 1000, policy).next!;
    expect(releaseAttempt(later, two)).toEqual({ next: null });
  });
});
