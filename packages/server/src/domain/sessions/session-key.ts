import { sha256 } from '../../crypto/session-token.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { sessionIdFromJwt } from './resolve-jwt.js';
import type { SessionKey } from '../../store/session-stores.js';

export type { SessionKey };

/** Longest token or JWT worth hashing or parsing; anything longer names no session. */
const MAX_CREDENTIAL_LENGTH = 16_384;

/**
 * Exactly one of `session_token` / `session_jwt` (empty strings count as absent) -> the store key.
 * Both -> 400 `too_many_session_arguments`; neither -> 400 `no_session_arguments`.
 */
export async function sessionKeyFrom(
  ctx: ProjectContext,
  input: { session_token?: string | undefined; session_jwt?: string | undefined },
): Promise<{ key: SessionKey; token: string | null; jwtUserId: string | null }> {
  const token = input.session_token || undefined;
  const jwt = input.session_jwt || undefined;
  if (token && jwt) throw new ApiError('too_many_session_arguments');
  if (token) {
    if (token.length > MAX_CREDENTIAL_LENGTH) throw new ApiError('session_not_found');
    return { key: { tokenHash: sha256(token) }, token, jwtUserId: null };
  }
  if (jwt) {
    if (jwt.length > MAX_CREDENTIAL_LENGTH) throw new ApiError('unable_to_parse_session_jwt');
    const { sessionId, userId } = await sessionIdFromJwt(ctx, jwt);
    return { key: { sessionId }, token: null, jwtUserId: userId };
  }
  throw new ApiError('no_session_arguments');
}
