import { sessionResponse, type AuthenticatedSession } from '../../domain/sessions/authenticate-session.js';
import type { ProjectContext } from '../../domain/context.js';
import { userView } from '../../domain/users/user-view.js';
import type { UserRecord } from '../../store/records.js';

/**
 * The session part of a login response. Without a session (no `session_duration_minutes`) Stytch sends
 * `session: null` and empty-string tokens.
 */
export function loginResponse(ctx: ProjectContext, user: UserRecord, session: AuthenticatedSession | null) {
  if (!session) return { user_id: user.user_id, session_token: '', session_jwt: '', session: null, user: userView(user, ctx.clock()) };
  return { user_id: user.user_id, ...sessionResponse(ctx, session) };
}
