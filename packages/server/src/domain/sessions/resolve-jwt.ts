import { SESSION_CLAIM, issuerFor } from '@tessera/core';
import { decodeJwt, verifyJwt } from '../../crypto/jwt-signing.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { keyRingOf } from '../projects/key-ring-of.js';

/**
 * The session a `session_jwt` names, after checking it is one of this project's: signature by a published
 * key, `aud` containing the project id, `iss = stytch.com/{project_id}`. Expiry is deliberately not checked:
 * Stytch accepts an expired but well-signed JWT when its session is still live, and answers with a new one.
 */
export async function sessionIdFromJwt(ctx: ProjectContext, jwt: string): Promise<{ sessionId: string; userId: string }> {
  const decoded = decodeJwt(jwt);
  if (!decoded) throw new ApiError('unable_to_parse_session_jwt');
  const { header, payload } = decoded;
  const claim = payload[SESSION_CLAIM] as { id?: unknown } | undefined;
  if (typeof header.kid !== 'string' || typeof payload.sub !== 'string' || typeof claim?.id !== 'string') {
    throw new ApiError('unable_to_parse_session_jwt');
  }
  const ring = await keyRingOf(ctx, ctx.project.project_id);
  const key = ring.verifier(header.kid);
  // A JWT we cannot verify names no session we will vouch for: the same answer as a revoked session.
  if (!key || !verifyJwt(decoded, key)) throw new ApiError('session_not_found');
  const aud = payload.aud;
  if (!(aud === ctx.project.project_id || (Array.isArray(aud) && aud.includes(ctx.project.project_id)))) {
    throw new ApiError('jwt_invalid_audience');
  }
  if (payload.iss !== issuerFor(ctx.project.project_id)) throw new ApiError('jwt_invalid_issuer');
  return { sessionId: claim.id, userId: payload.sub };
}
