import type { ErrorType } from '@tessera/core';
import type { LockoutState } from '../../store/b2b-records.js';
import type { PasswordRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { isLocked } from '../users/user-view.js';
import { verifyPassword } from './password-work.js';

/** An account that signs in with a password: a consumer user or a B2B member. */
export interface PasswordAccount extends LockoutState {
  id: string;
  password: PasswordRecord | null;
}

/** The store of such accounts (`UserStore` and `MemberStore` both fit). */
export interface PasswordAccountStore {
  recordFailedAttempt(projectId: string, id: string, now: number, policy: ProjectContext['policy']['lockout']): Promise<number | null>;
  clearFailedAttempts(projectId: string, id: string): Promise<void>;
  upgradePasswordHash(projectId: string, id: string, previous: string, next: string): Promise<void>;
}

/**
 * Checks a password with the lockout policy: a locked account is refused before any hashing
 * (`user_lock_limit_reached`); a wrong password counts towards the lock and is 401 `unauthorized_credentials`;
 * a right one clears the count and, when it matched a migrated or weaker hash, upgrades it to argon2id.
 */
export async function verifyPasswordWithLockout(
  ctx: ProjectContext,
  store: PasswordAccountStore,
  account: PasswordAccount,
  password: string,
  noPassword: ErrorType,
): Promise<void> {
  const projectId = ctx.project.project_id;
  if (isLocked(account, ctx.clock())) throw new ApiError('user_lock_limit_reached');
  if (!account.password) throw new ApiError(noPassword);
  const { ok, rehashed } = await verifyPassword(ctx, account.password.hash, password);
  if (!ok) {
    const lockedUntil = await store.recordFailedAttempt(projectId, account.id, ctx.clock(), ctx.policy.lockout);
    throw new ApiError(lockedUntil === null ? 'unauthorized_credentials' : 'user_lock_limit_reached');
  }
  if (account.failed_attempts > 0 || account.lock_created_at !== null) await store.clearFailedAttempts(projectId, account.id);
  if (rehashed) await store.upgradePasswordHash(projectId, account.id, account.password.hash, rehashed);
}
