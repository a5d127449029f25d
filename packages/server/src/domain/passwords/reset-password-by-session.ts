import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { authenticateSession } from '../sessions/authenticate-session.js';
import { sessionKeyFrom } from '../sessions/session-key.js';
import { checkSessionOptions, type SessionOptions } from '../sessions/start-session.js';
import { assertStrongPassword, newPasswordRecord } from './password-policy.js';

/** Factors that prove control of the account recently enough to set a new password (Stytch's rule). */
const RESET_FACTORS = new Set(['password', 'magic_link', 'otp', 'email_otp']);
const RECENT_MS = 5 * 60_000;

export interface ResetBySessionInput extends SessionOptions {
  password: string;
}

/**
 * `POST /v1/passwords/session/reset`: sets a new password for the session's user, provided the session
 * authenticated a password, email magic link or email OTP in the last 5 minutes
 * (`session_too_old_to_reset_password` otherwise). Revokes the user's other sessions and keeps this one.
 */
export async function resetPasswordBySession(ctx: ProjectContext, input: ResetBySessionInput) {
  checkSessionOptions(input);
  const now = ctx.clock();
  const projectId = ctx.project.project_id;
  const { key } = await sessionKeyFrom(ctx, input);
  const current = await ctx.stores.sessions.getLive(projectId, key, now);
  if (!current) throw new ApiError('session_not_found');
  const recent = current.factors.some((f) => RESET_FACTORS.has(f.type) && f.delivery_method !== 'sms' && now - f.last_authenticated_at <= RECENT_MS);
  if (!recent) throw new ApiError('session_too_old_to_reset_password');
  const user = await ctx.stores.users.get(projectId, current.user_id);
  if (!user) throw new ApiError('session_not_found');
  assertStrongPassword(input.password, user.emails[0]?.email);
  const password = await newPasswordRecord(ctx, input.password);
  await ctx.stores.users.setPassword(
    projectId,
    user.user_id,
    { ...password, password_id: user.password?.password_id ?? password.password_id },
    { clearLockout: true, revokeSessions: { now, except: current.session_id } },
  );
  const session = await authenticateSession(ctx, input);
  return { user: session.user, session };
}
