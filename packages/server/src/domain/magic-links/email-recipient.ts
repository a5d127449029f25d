import type { EmailRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { sessionKeyFrom } from '../sessions/session-key.js';
import { getUser } from '../users/get-user.js';
import { emailRecordOf } from '../users/email-user.js';

/** Who a `send` (magic link or OTP) is for: the address's user, or the user a `user_id` or session names. */
export interface SendTarget {
  user_id?: string | undefined;
  session_token?: string | undefined;
  session_jwt?: string | undefined;
}

/**
 * The user a `send` names by `session_token`/`session_jwt` (which wins; 404 `session_not_found` when not
 * live) or `user_id` (404 `user_not_found`); null when it names none. Shared by the email and phone sends.
 */
export async function targetUser(ctx: ProjectContext, target: SendTarget): Promise<UserRecord | null> {
  const projectId = ctx.project.project_id;
  if (target.session_token || target.session_jwt) {
    const { key } = await sessionKeyFrom(ctx, target);
    const session = await ctx.stores.sessions.getLive(projectId, key, ctx.clock());
    if (!session) throw new ApiError('session_not_found');
    const user = await ctx.stores.users.get(projectId, session.user_id);
    if (!user) throw new ApiError('session_not_found');
    return user;
  }
  return target.user_id ? getUser(ctx, target.user_id) : null;
}

/**
 * The user a `send` is for. With a `user_id`, `session_token` or `session_jwt` (the session wins), that
 * user, to whom an address they do not have yet will be added (`addTo: true`); without, the user who has
 * the address, or 404 `email_not_found`. Reads only.
 */
export async function sendRecipient(
  ctx: ProjectContext,
  address: string,
  target: SendTarget,
): Promise<{ user: UserRecord; email: EmailRecord | null }> {
  const projectId = ctx.project.project_id;
  const user = await targetUser(ctx, target);
  if (user) {
    const own = user.emails.find((e) => e.email === address) ?? null;
    if (!own) {
      const holder = await ctx.stores.users.byEmail(projectId, address);
      if (holder) throw new ApiError('duplicate_email');
    }
    return { user, email: own };
  }
  const holder = await ctx.stores.users.byEmail(projectId, address);
  if (!holder) throw new ApiError('email_not_found');
  return { user: holder, email: emailRecordOf(holder, address) };
}
