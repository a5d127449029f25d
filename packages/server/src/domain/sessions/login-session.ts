import { sha256 } from '../../crypto/session-token.js';
import type { FactorRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { AuthenticatedSession } from './authenticate-session.js';
import { sessionKeyFrom } from './session-key.js';
import { issueSession, type SessionOptions } from './start-session.js';

export interface LoginSessionOptions extends SessionOptions {
  /**
   * Frontend API only: the session token the browser sent (Basic password part or cookie). When it names a
   * live session of the same user, the new factor is added to that session (step-up, as the SDK expects);
   * otherwise it is ignored and the login starts a new session, so a stale cookie of another account never
   * blocks a login.
   */
  caller_session_token?: string | null | undefined;
}

const MAX_TOKEN_LENGTH = 16_384;

/** `issueSession` plus the frontend API's optional step-up onto the caller's own session. */
export async function issueLoginSession(
  ctx: ProjectContext,
  user: UserRecord,
  factor: FactorRecord,
  opts: LoginSessionOptions,
): Promise<AuthenticatedSession | null> {
  const { caller_session_token: caller, ...rest } = opts;
  if (caller && caller.length <= MAX_TOKEN_LENGTH && !rest.session_token && !rest.session_jwt) {
    const live = await ctx.stores.sessions.getLive(ctx.project.project_id, { tokenHash: sha256(caller) }, ctx.clock());
    if (live && live.user_id === user.user_id) return issueSession(ctx, user, factor, { ...rest, session_token: caller });
  }
  return issueSession(ctx, user, factor, rest);
}

/**
 * Before a one-time token is spent: when the request names a session to add the factor to, it must be a
 * live session (404 `session_not_found` otherwise), so a bad session argument does not burn the user's
 * link or code. Whether it is the right user's is checked when the factor is added.
 */
export async function checkTargetSession(ctx: ProjectContext, opts: SessionOptions): Promise<void> {
  if (!opts.session_token && !opts.session_jwt) return;
  const { key } = await sessionKeyFrom(ctx, opts);
  if (!(await ctx.stores.sessions.getLive(ctx.project.project_id, key, ctx.clock()))) throw new ApiError('session_not_found');
}
