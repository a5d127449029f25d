import type { JsonObject, Session, User } from '@tessera/core';
import { deriveSessionToken } from '../../crypto/session-token.js';
import type { FactorRecord, SessionRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { userView } from '../users/user-view.js';
import { mintSessionJwt } from './mint-jwt.js';
import { sessionKeyFrom } from './session-key.js';
import { sessionTouch } from './session-touch.js';
import { touchLiveSession } from './touch-live-session.js';
import { sessionView } from './session-view.js';

export interface AuthenticateInput {
  session_token?: string | undefined;
  session_jwt?: string | undefined;
  session_duration_minutes?: number | undefined;
  session_custom_claims?: JsonObject | null | undefined;
}

export interface AuthenticatedSession {
  record: SessionRecord;
  user: UserRecord;
  session_token: string;
  session_jwt: string;
}

/** The wire result shared by every call that returns a session. */
export function sessionResponse(ctx: ProjectContext, a: AuthenticatedSession): { session: Session; session_token: string; session_jwt: string; user: User } {
  return {
    session: sessionView(a.record, a.user),
    session_token: a.session_token,
    session_jwt: a.session_jwt,
    user: userView(a.user, ctx.clock()),
  };
}

/**
 * Authenticates a live session by token or JWT and touches it: `last_accessed_at` = now, the expiry reset
 * to now + `session_duration_minutes` when given, custom claims merged, and optionally a factor added
 * (only to a session of that factor's user).
 * Answers with the opaque token (re-derived when a JWT was given) and a freshly minted JWT.
 * Unknown, expired or revoked -> 404 `session_not_found`.
 */
export async function authenticateSession(
  ctx: ProjectContext,
  input: AuthenticateInput,
  addFactor?: { factor: FactorRecord; userId: string },
): Promise<AuthenticatedSession> {
  const touch = sessionTouch(ctx.clock(), input, addFactor && { factor: addFactor.factor, subjectId: addFactor.userId });
  const resolved = await sessionKeyFrom(ctx, input);
  const record = await touchLiveSession(ctx.project.project_id, ctx.stores.sessions, { idOf: (r) => r.session_id, subjectOf: (r) => r.user_id }, resolved, touch);
  const user = await ctx.stores.users.get(ctx.project.project_id, record.user_id);
  if (!user) throw new ApiError('session_not_found');
  return {
    record,
    user,
    session_token: resolved.token ?? deriveSessionToken(ctx.tokenKey, record.session_id, record.token_salt),
    session_jwt: await mintSessionJwt(ctx, record, user),
  };
}
