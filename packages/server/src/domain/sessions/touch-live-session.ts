import type { LiveSessionStore, VersionedSession } from '../../store/session-stores.js';
import { ApiError } from '../errors.js';
import type { SessionKey } from './session-key.js';
import { isPlainTouch, nextSessionState, type SessionChange } from './session-update.js';

/** The part of a session store an authenticate needs; the consumer and the member session stores both fit. */
export type TouchableSessions<R extends VersionedSession> = Pick<LiveSessionStore<R>, 'touch' | 'touchLoaded' | 'getLive' | 'compareAndSet'>;

/**
 * How many times a change is recomputed after losing a compare-and-set. Each loss means another change to
 * the same session won, so N concurrent changes all land within N attempts; past this bound the request
 * fails without having written anything.
 */
export const MAX_SESSION_WRITE_ATTEMPTS = 32;

/**
 * Applies `change` to the live session `key` names in project `projectId` and returns it. A plain touch is the hot path: one read,
 * the access time written behind. Anything else (extension, claims, factor) is read, computed by the
 * domain (`nextSessionState`) and written with a compare-and-set on `version`, retried from a fresh read
 * when another write (or a revoke) got there first.
 * Unknown, expired or revoked -> 404 `session_not_found`; a factor for another subject's session -> 400
 * `session_user_mismatch`, without touching it. `jwtUserId`, when the key came from a JWT, must be the
 * session's subject (user or member): a verified JWT always names its session's subject, so anything else
 * is not a session Tessera issued.
 */
export async function touchLiveSession<R extends VersionedSession>(
  projectId: string,
  store: TouchableSessions<R>,
  session: { idOf: (session: R) => string; subjectOf: (session: R) => string },
  resolved: { key: SessionKey; jwtUserId: string | null },
  change: SessionChange,
  /** The session as this request already read it live (an `authorization_check` did): a plain touch reads no more. */
  loaded?: R,
): Promise<R> {
  const live = (record: R | null): R => {
    if (!record) throw new ApiError('session_not_found');
    if (resolved.jwtUserId !== null && resolved.jwtUserId !== session.subjectOf(record)) throw new ApiError('session_not_found');
    return record;
  };
  if (isPlainTouch(change)) return live(loaded ? store.touchLoaded(loaded, change.now) : await store.touch(projectId, resolved.key, change.now));
  for (let attempt = 0; attempt < MAX_SESSION_WRITE_ATTEMPTS; attempt++) {
    const current = live(await store.getLive(projectId, resolved.key, change.now));
    if (change.subjectId !== undefined && session.subjectOf(current) !== change.subjectId) throw new ApiError('session_user_mismatch');
    const next = nextSessionState(current, change);
    const written = await store.compareAndSet(projectId, session.idOf(current), current.version, next, change.now);
    if (written) return written;
  }
  // Only under extreme contention on one session; nothing was written, and the client may retry.
  throw new ApiError('service_unavailable', 'The session is being changed by too many requests at once; try again.');
}
