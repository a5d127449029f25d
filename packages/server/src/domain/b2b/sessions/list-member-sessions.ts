import type { ProjectContext } from '../../context.js';
import { getMember } from '../members/get-member.js';
import { getOrganization } from '../organizations/get-organization.js';
import type { MemberSession } from '../wire.js';
import { memberSessionView } from './member-session-view.js';

/** `GET /v1/b2b/sessions?organization_id=&member_id=`: the member's live sessions, oldest first. */
export async function listMemberSessions(ctx: ProjectContext, organizationRef: string, memberRef: string): Promise<MemberSession[]> {
  const organization = await getOrganization(ctx, organizationRef);
  const member = await getMember(ctx, organization, memberRef);
  const sessions = await ctx.stores.memberSessions.listLive(ctx.project.project_id, member.member_id, ctx.clock());
  return sessions.map((s) => memberSessionView(s, member, organization));
}
