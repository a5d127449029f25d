/**
 * The session of a frontend API caller, read (not touched) from the token the browser sent, and the user
 * or member it belongs to. Lookups are scoped to the project the public token names, so a session token
 * of another project is simply unknown here: 404 `session_not_found`, never another project's data.
 *
 * @module
 */
import { sha256 } from '../../crypto/session-token.js';
import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../store/b2b-records.js';
import type { SessionRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { sessionSubject } from '../b2b/sessions/session-subject.js';

const MAX_TOKEN_LENGTH = 16_384;

export async function callerSession(ctx: ProjectContext, token: string): Promise<{ session: SessionRecord; user: UserRecord }> {
  if (token.length > MAX_TOKEN_LENGTH) throw new ApiError('session_not_found');
  const session = await ctx.stores.sessions.getLive(ctx.project.project_id, { tokenHash: sha256(token) }, ctx.clock());
  if (!session) throw new ApiError('session_not_found');
  const user = await ctx.stores.users.get(ctx.project.project_id, session.user_id);
  if (!user) throw new ApiError('session_not_found');
  return { session, user };
}

export async function callerMemberSession(
  ctx: ProjectContext,
  token: string,
): Promise<{ session: MemberSessionRecord; member: MemberRecord; organization: OrganizationRecord }> {
  if (token.length > MAX_TOKEN_LENGTH) throw new ApiError('session_not_found');
  const session = await ctx.stores.memberSessions.getLive(ctx.project.project_id, { tokenHash: sha256(token) }, ctx.clock());
  if (!session) throw new ApiError('session_not_found');
  return { session, ...(await sessionSubject(ctx, session)) };
}
