import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionOptions, issueSession, type SessionOptions } from '../sessions/start-session.js';
import { normalizeEmail } from '../validate.js';
import { verifyAgainstDummy } from './password-work.js';
import { verifyUserPassword } from './verify-user-password.js';

export interface AuthenticatePasswordInput extends SessionOptions {
  email: string;
  password: string;
}

/**
 * `POST /v1/passwords/authenticate`: unknown email -> 404 `email_not_found`, after the same hashing work
 * as a wrong password (so the two take the same time); a password flagged for reset -> `reset_password`
 * even when correct; success -> a session as `issueSession` decides.
 */
export async function authenticatePassword(ctx: ProjectContext, input: AuthenticatePasswordInput) {
  const email = normalizeEmail(input.email);
  checkSessionOptions(input);
  const user = await ctx.stores.users.byEmail(ctx.project.project_id, email);
  if (!user) {
    await verifyAgainstDummy(ctx, input.password);
    throw new ApiError('email_not_found');
  }
  await verifyUserPassword(ctx, user, input.password);
  if (user.password!.requires_reset) throw new ApiError('reset_password');
  const session = await issueSession(ctx, user, newFactor('password', 'knowledge', ctx.clock()), input);
  return { user: session?.user ?? user, session };
}
