import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { sessionKeyFrom, type SessionKey } from '../../sessions/session-key.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember } from '../rbac/acting-member.js';
import type { MemberSessionCredentials } from './live-member-session.js';

export interface RevokeMemberSessionInput {
  member_session_id?: string | undefined;
  session_token?: string | undefined;
  session_jwt?: string | undefined;
  member_id?: string | undefined;
}

/** The member and organization a revoke is about, and the store key of one session (none for `member_id`). */
async function target(ctx: ProjectContext, input: RevokeMemberSessionInput): Promise<{ memberId: string; organizationId: string; key: SessionKey | null }> {
  if (input.member_id) {
    const member = await ctx.stores.members.byId(ctx.project.project_id, input.member_id);
    if (!member || member.status === 'deleted') throw new ApiError('member_not_found');
    return { memberId: member.member_id, organizationId: member.organization_id, key: null };
  }
  const key = input.member_session_id ? { sessionId: input.member_session_id } : (await sessionKeyFrom(ctx, input)).key;
  const session = await ctx.stores.memberSessions.getLive(ctx.project.project_id, key, ctx.clock());
  if (!session) throw new ApiError('session_not_found');
  return { memberId: session.member_id, organizationId: session.organization_id, key };
}

/**
 * `POST /v1/b2b/sessions/revoke`: one session by `member_session_id`, `session_token` or `session_jwt`, or
 * every session of `member_id`; exactly one of the four. Its tokens stop authenticating at once (issued JWTs
 * still verify locally until their `exp`). A member session header needs `revoke-sessions` on
 * `stytch.member`, or on `stytch.self` for the member's own sessions (UNVERIFIED action name).
 */
export async function revokeMemberSession(ctx: ProjectContext, input: RevokeMemberSessionInput, creds: MemberSessionCredentials = {}): Promise<void> {
  const given = [input.member_session_id, input.session_token, input.session_jwt, input.member_id].filter(Boolean) as string[];
  if (given.length > 1) throw new ApiError('too_many_session_revoke_arguments', 'Please include exactly one of member_session_id, session_token, session_jwt or member_id.');
  if (given.length === 0) throw new ApiError('no_session_revoke_arguments', 'Please include one of member_session_id, session_token, session_jwt or member_id.');
  if (given[0]!.length > 16_384) throw new ApiError('session_not_found');
  const { memberId, organizationId, key } = await target(ctx, input);
  const organization = await getOrganization(ctx, organizationId);
  await authorizeActingMember(ctx, creds, organization, [{ resource_id: 'stytch.member', action: 'revoke-sessions', onMember: memberId }]);
  const now = ctx.clock();
  if (key === null) await ctx.stores.memberSessions.revokeAllForMember(ctx.project.project_id, memberId, now);
  else if (!(await ctx.stores.memberSessions.revoke(ctx.project.project_id, key, now))) throw new ApiError('session_not_found');
}
