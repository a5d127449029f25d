import { sha256 } from '../../crypto/session-token.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { sessionIdFromJwt } from './resolve-jwt.js';

export interface RevokeInput {
  session_id?: string | undefined;
  session_token?: string | undefined;
  session_jwt?: string | undefined;
}

/**
 * Revokes one session, named by exactly one of id, token or JWT; its token stops authenticating at once.
 * Already-issued JWTs keep verifying locally until their own `exp` (at most 5 minutes), as with Stytch.
 */
export async function revokeSession(ctx: ProjectContext, input: RevokeInput): Promise<void> {
  const given = [input.session_id, input.session_token, input.session_jwt].filter(Boolean) as string[];
  if (given.length > 1) throw new ApiError('too_many_session_revoke_arguments');
  if (given.length === 0) throw new ApiError('no_session_revoke_arguments');
  if (given[0]!.length > 16_384) throw new ApiError('session_not_found');
  const key = input.session_id
    ? { sessionId: input.session_id }
    : input.session_token
      ? { tokenHash: sha256(input.session_token) }
      : { sessionId: (await sessionIdFromJwt(ctx, input.session_jwt!)).sessionId };
  const revoked = await ctx.stores.sessions.revoke(ctx.project.project_id, key, ctx.clock());
  if (!revoked) throw new ApiError('session_not_found');
}
