import type { ErrorType } from '@tessera/core';
import type { DomainObserver } from '../observer.js';
import type { VerifyOutcome } from '../../crypto/password/index.js';
import type { LockoutState } from '../../store/records.js';
import type { PasswordRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { CLEAR_LOCKOUT, failedAttempt, type LockoutPolicy, releaseAttempt, reserveAttempt, sameLockout } from './lockout.js';
import { verifyPassword } from './password-work.js';

/** An account that signs in with a password: a consumer user or a B2B member. */
export interface PasswordAccount extends LockoutState {
  id: string;
  password: PasswordRecord | null;
}

/** The store of such accounts (`UserStore` and `MemberStore` both fit). */
export interface PasswordAccountStore {
  /** The account's current lockout state, or null when it no longer exists. */
  lockoutState(projectId: string, id: string): Promise<LockoutState | null>;
  /** Writes `next` only if the stored state is still `expected`; false when it changed meanwhile. */
  compareAndSetLockout(projectId: string, id: string, expected: LockoutState, next: LockoutState): Promise<boolean>;
  upgradePasswordHash(projectId: string, id: string, previous: string, next: string): Promise<void>;
}

/**
 * What the lockout rules need of a context: the clock, the policy and whose accounts these are. A project's
 * context fits; the admin console passes its own (admin accounts belong to no project).
 */
export interface LockoutScope {
  readonly clock: () => number;
  readonly policy: { readonly lockout: LockoutPolicy };
  readonly project: { readonly project_id: string };
  /**
   * Told when a failure locks the account (`tessera_lockouts_total`). A project context passes the
   * server's metrics; the admin console's operator accounts pass none, so they are not counted as users.
   */
  readonly observe?: Pick<DomainObserver, 'lockout'>;
}

/** Compare-and-set rounds before giving up; each lost round means another request changed the state. */
const MAX_CAS_ROUNDS = 64;

/**
 * Checks a password with the lockout policy (`lockout.ts`): see {@link attemptWithLockout}. A right
 * password that matched a migrated or weaker hash is upgraded to argon2id.
 */
export async function verifyPasswordWithLockout(
  ctx: ProjectContext,
  store: PasswordAccountStore,
  account: PasswordAccount,
  password: string,
  noPassword: ErrorType,
): Promise<void> {
  if (!account.password) throw new ApiError(noPassword);
  const stored = account.password.hash;
  let verified: VerifyOutcome | undefined;
  await attemptWithLockout(ctx, store, account, async () => {
    verified = await verifyPassword(ctx, stored, password);
    return verified.ok;
  });
  if (verified?.rehashed) await store.upgradePasswordHash(ctx.project.project_id, account.id, stored, verified.rehashed);
}

/**
 * Runs one guess (a password, an email OTP code) under the account's lockout policy. The attempt is
 * reserved before `check` runs: a locked account, or one whose attempts in the window are used up
 * (finished or in flight), is refused with `user_lock_limit_reached` without checking anything. A wrong
 * guess stays counted and is 401 `wrongType` (default `unauthorized_credentials`), or
 * `user_lock_limit_reached` when it locks the account; a right one clears the count. When `check` throws
 * (the guess was never checked), the reserved attempt is given back.
 */
export async function attemptWithLockout(
  ctx: LockoutScope,
  store: Pick<PasswordAccountStore, 'lockoutState' | 'compareAndSetLockout'>,
  account: LockoutState & { id: string },
  check: () => Promise<boolean>,
  wrongType: ErrorType = 'unauthorized_credentials',
): Promise<void> {
  const policy = ctx.policy.lockout;
  const reserved = await updateLockout(ctx, store, account, (state) => reserveAttempt(state, ctx.clock(), policy));
  if (!reserved.granted) throw new ApiError('user_lock_limit_reached');

  let ok: boolean;
  try {
    ok = await check();
  } catch (error) {
    // Never checked (the project's password queue was full, or its worker died): the caller did not get
    // to guess, so the reserved attempt is given back.
    await updateLockout(ctx, store, account, (state) => releaseAttempt(state, reserved.next), reserved.next);
    throw error;
  }
  if (!ok) {
    const failed = await updateLockout(ctx, store, account, (state) => failedAttempt(state, ctx.clock(), policy), reserved.next);
    // A decision with a state to write set the lock itself; `locked` alone may be another request's lock.
    if (failed.next !== null) ctx.observe?.lockout();
    const { locked } = failed;
    throw new ApiError(locked ? 'user_lock_limit_reached' : wrongType);
  }
  await updateLockout(ctx, store, account, () => ({ next: CLEAR_LOCKOUT }), reserved.next);
}

/**
 * Applies a lockout rule with compare-and-set, starting from `known` (the state last seen) and re-reading
 * the stored state whenever another request changed it first.
 */
async function updateLockout<D extends { next: LockoutState | null }>(
  ctx: LockoutScope,
  store: Pick<PasswordAccountStore, 'lockoutState' | 'compareAndSetLockout'>,
  account: LockoutState & { id: string },
  decide: (state: LockoutState) => D,
  known: LockoutState = account,
): Promise<D> {
  const projectId = ctx.project.project_id;
  let state = known;
  for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
    const decision = decide(state);
    if (decision.next === null || sameLockout(decision.next, state)) return decision;
    if (await store.compareAndSetLockout(projectId, account.id, state, decision.next)) return decision;
    const current = await store.lockoutState(projectId, account.id);
    // Deleted while we were at it: nothing left to sign in to.
    if (!current) throw new ApiError('unauthorized_credentials');
    state = current;
  }
  // Only a flood of parallel attempts on one account gets here; it is refused like one.
  throw new ApiError('too_many_requests');
}
