import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionOptions, issueSession, type SessionOptions } from '../sessions/start-session.js';
import { normalizeEmail } from '../validate.js';
import { assertStrongPassword, newPasswordRecord } from './password-policy.js';
import { verifyUserPassword } from './verify-user-password.js';

export interface ResetExistingPasswordInput extends SessionOptions {
  email: string;
  existing_password: string;
  new_password: string;
}

/**
 * `POST /v1/passwords/existing_password/reset`: the current password proves the user; the new one must
 * pass the strength policy. Every session of the user is revoked; a new one is started when asked.
 */
export async function resetExistingPassword(ctx: ProjectContext, input: ResetExistingPasswordInput) {
  const email = normalizeEmail(input.email);
  checkSessionOptions(input);
  const user = await ctx.stores.users.byEmail(ctx.project.project_id, email);
  if (!user) throw new ApiError('email_not_found');
  await verifyUserPassword(ctx, user, input.existing_password);
  assertStrongPassword(input.new_password, email);
  const password = await newPasswordRecord(ctx, input.new_password);
  await ctx.stores.users.setPassword(ctx.project.project_id, user.user_id, { ...password, password_id: user.password!.password_id }, { clearLockout: true, revokeSessions: { now: ctx.clock() } });
  const fresh = (await ctx.stores.users.get(ctx.project.project_id, user.user_id))!;
  const session = await issueSession(ctx, fresh, newFactor('password', 'knowledge', ctx.clock()), {
    ...input,
    session_token: undefined,
    session_jwt: undefined,
  });
  return { user: fresh, session };
}
