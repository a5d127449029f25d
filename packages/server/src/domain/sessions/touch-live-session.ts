import type { SessionTouch } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { SessionKey } from './session-key.js';

/** The part of a session store an authenticate needs; the consumer and the member session stores both fit. */
export interface TouchableSessions<R> {
  touch(projectId: string, key: SessionKey, touch: SessionTouch): Promise<R | null>;
  getLive(projectId: string, key: SessionKey, now: number): Promise<R | null>;
}

/**
 * Touches the live session `key` names (see `sessionTouch`) and returns it. Unknown, expired or revoked ->
 * 404 `session_not_found`; a factor for another subject's session -> 400 `session_user_mismatch`, without
 * touching it. `jwtSubject`, when the key came from a JWT, must be the session's subject (user or member):
 * a verified JWT always names its session's subject, so anything else is not a session Tessera issued.
 */
export async function touchLiveSession<R>(
  ctx: ProjectContext,
  store: TouchableSessions<R>,
  subjectOf: (session: R) => string,
  resolved: { key: SessionKey; jwtUserId: string | null },
  touch: SessionTouch,
): Promise<R> {
  const record = await store.touch(ctx.project.project_id, resolved.key, touch);
  if (!record) {
    // Adding a factor to another subject's session is refused without touching it; say so explicitly.
    if (touch.addFactor && (await store.getLive(ctx.project.project_id, resolved.key, touch.now))) throw new ApiError('session_user_mismatch');
    throw new ApiError('session_not_found');
  }
  if (resolved.jwtUserId !== null && resolved.jwtUserId !== subjectOf(record)) throw new ApiError('session_not_found');
  return record;
}
