import type { JsonObject, Session, User } from '@tessera/core';
import { deriveSessionToken } from '../../crypto/session-token.js';
import type { FactorRecord, SessionRecord, UserRecord } from '../../store/records.js';
import type { SessionTouch } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { userView } from '../users/user-view.js';
import { checkSessionDuration } from '../validate.js';
import { mergeCustomClaims } from './custom-claims.js';
import { mintSessionJwt } from './mint-jwt.js';
import { sessionKeyFrom } from './session-key.js';
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
  const now = ctx.clock();
  const touch: SessionTouch = { now };
  if (input.session_duration_minutes !== undefined) {
    touch.expiresAt = now + checkSessionDuration(input.session_duration_minutes) * 60_000;
  }
  const claims = input.session_custom_claims;
  if (claims !== undefined && claims !== null) {
    mergeCustomClaims({}, claims); // reject a bad update before touching the session
    touch.mergeClaims = (current) => mergeCustomClaims(current, claims);
  }
  if (addFactor) {
    touch.addFactor = addFactor.factor;
    touch.userId = addFactor.userId;
  }
  const { key, token, jwtUserId } = await sessionKeyFrom(ctx, input);
  const record = await ctx.stores.sessions.touch(ctx.project.project_id, key, touch);
  if (!record) {
    // Adding a factor to another user's session is refused without touching it; say so explicitly.
    if (addFactor && (await ctx.stores.sessions.getLive(ctx.project.project_id, key, now))) throw new ApiError('session_user_mismatch');
    throw new ApiError('session_not_found');
  }
  // A verified JWT always names its session's user; anything else is not a session we issued.
  if (jwtUserId !== null && jwtUserId !== record.user_id) throw new ApiError('session_not_found');
  const user = await ctx.stores.users.get(ctx.project.project_id, record.user_id);
  if (!user) throw new ApiError('session_not_found');
  return {
    record,
    user,
    session_token: token ?? deriveSessionToken(ctx.tokenKey, record.session_id, record.token_salt),
    session_jwt: await mintSessionJwt(ctx, record, user),
  };
}
