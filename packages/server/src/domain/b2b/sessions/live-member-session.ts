import type { MemberSessionRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { sessionKeyFrom } from '../../sessions/session-key.js';

export interface MemberSessionCredentials {
  session_token?: string | undefined;
  session_jwt?: string | undefined;
}

/**
 * The live member session a token or JWT names, without touching it (exactly one of the two, as for
 * authenticate). Unknown, expired or revoked -> 404 `session_not_found`.
 */
export async function liveMemberSession(ctx: ProjectContext, creds: MemberSessionCredentials): Promise<MemberSessionRecord> {
  const { key, jwtUserId } = await sessionKeyFrom(ctx, creds);
  const session = await ctx.stores.memberSessions.getLive(ctx.project.project_id, key, ctx.clock());
  if (!session || (jwtUserId !== null && jwtUserId !== session.member_id)) throw new ApiError('session_not_found');
  return session;
}
