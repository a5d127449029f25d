import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { normalizeEmail } from '../../validate.js';
import { getOrganization } from '../organizations/get-organization.js';

/** A member of `org` by member_id or external id (deleted ones only when asked); 404 `member_not_found` otherwise. */
export async function getMember(ctx: ProjectContext, org: OrganizationRecord, ref: string, opts: { includeDeleted?: boolean } = {}): Promise<MemberRecord> {
  const member = ref.length <= 256 ? await ctx.stores.members.get(ctx.project.project_id, org.organization_id, ref, opts) : null;
  if (!member) throw new ApiError('member_not_found');
  return member;
}

/** `GET /v1/b2b/organizations/{organization_id}/member`: by exactly one of `member_id` or `email_address`. */
export async function findMember(ctx: ProjectContext, organizationRef: string, by: { member_id?: string | undefined; email_address?: string | undefined }) {
  if (Boolean(by.member_id) === Boolean(by.email_address)) throw new ApiError('invalid_member_get_fields');
  const organization = await getOrganization(ctx, organizationRef);
  if (by.member_id) return { organization, member: await getMember(ctx, organization, by.member_id) };
  const member = await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, normalizeEmail(by.email_address!));
  if (!member) throw new ApiError('member_not_found');
  return { organization, member };
}

/** `GET /v1/b2b/organizations/members/dangerously_get/{member_id}`: by member_id in any organization. */
export async function dangerouslyGetMember(ctx: ProjectContext, memberId: string, includeDeleted: boolean) {
  const member = memberId.length <= 256 ? await ctx.stores.members.byId(ctx.project.project_id, memberId) : null;
  if (!member || (member.status === 'deleted' && !includeDeleted)) throw new ApiError('member_not_found');
  return { member, organization: await getOrganization(ctx, member.organization_id) };
}
