import { hashPassword, verifyStoredPassword } from '../../crypto/password/index.js';
import type { UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { isLocked } from '../users/user-view.js';

/**
 * Checks a user's password with the lockout policy: a locked user is refused before any hashing
 * (`user_lock_limit_reached`); a wrong password counts towards the lock and is 401 `unauthorized_credentials`;
 * a right one clears the count and, when it matched a migrated or weaker hash, upgrades it to argon2id.
 */
export async function verifyUserPassword(ctx: ProjectContext, user: UserRecord, password: string): Promise<void> {
  const projectId = ctx.project.project_id;
  if (isLocked(user, ctx.clock())) throw new ApiError('user_lock_limit_reached');
  if (!user.password) throw new ApiError('no_user_password');
  const { ok, needsRehash } = await verifyStoredPassword(user.password.hash, password);
  if (!ok) {
    const lockedUntil = await ctx.stores.users.recordFailedAttempt(projectId, user.user_id, ctx.clock(), ctx.policy.lockout);
    throw new ApiError(lockedUntil === null ? 'unauthorized_credentials' : 'user_lock_limit_reached');
  }
  if (user.failed_attempts > 0 || user.lock_created_at !== null) await ctx.stores.users.clearFailedAttempts(projectId, user.user_id);
  if (needsRehash) {
    await ctx.stores.users.upgradePasswordHash(projectId, user.user_id, user.password.hash, await hashPassword(password));
  }
}
