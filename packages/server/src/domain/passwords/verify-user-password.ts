import type { UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { verifyPasswordWithLockout } from './verify-password-with-lockout.js';

/**
 * Checks a user's password with the lockout policy (see `verifyPasswordWithLockout`); a user without a
 * password is `no_user_password`.
 */
export async function verifyUserPassword(ctx: ProjectContext, user: UserRecord, password: string): Promise<void> {
  await verifyPasswordWithLockout(ctx, ctx.stores.users, { ...user, id: user.user_id }, password, 'no_user_password');
}
