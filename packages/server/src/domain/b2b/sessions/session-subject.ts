import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';

/** The member and organization of a live session; a deleted member or organization means no session (404). */
export async function sessionSubject(ctx: ProjectContext, s: MemberSessionRecord): Promise<{ member: MemberRecord; organization: OrganizationRecord }> {
  const [member, organization] = await Promise.all([
    ctx.stores.members.byId(ctx.project.project_id, s.member_id),
    ctx.stores.organizations.get(ctx.project.project_id, s.organization_id),
  ]);
  if (!member || member.status === 'deleted' || !organization) throw new ApiError('session_not_found');
  return { member, organization };
}
