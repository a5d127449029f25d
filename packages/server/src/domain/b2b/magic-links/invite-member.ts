import type { JsonObject } from '@tessera/core';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { issueLinkToken } from '../../email/issue-token.js';
import { linkWithToken, redirectUrl, type Caller } from '../../email/redirect-url.js';
import { ApiError } from '../../errors.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { enqueueMail } from '../../mail/enqueue-mail.js';
import { isSandboxSend, sandboxMember, sandboxOrganization } from '../../sandbox/b2b.js';
import { checkMetadata, normalizeEmail } from '../../validate.js';
import { b2bConflictToApiError } from '../conflict.js';
import { EXPIRY, expirationMinutes } from '../expiration.js';
import { newMemberRecord } from '../members/create-member.js';
import { emailDomain } from '../members/email-login-member.js';
import { checkAssignableRoles, checkMemberName } from '../members/validate-member.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember, refuseWhenActing, type Need } from '../rbac/acting-member.js';
import { rolesFor } from '../rbac/project-policy.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { B2B_MAGIC_LINK_TOKEN_TYPE } from './login-or-signup.js';

export interface InviteInput {
  organization_id: string;
  email_address: string;
  invite_redirect_url?: string | undefined;
  invited_by_member_id?: string | undefined;
  name?: string | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  invite_template_id?: string | undefined;
  locale?: string | undefined;
  roles?: string[] | undefined;
  invite_expiration_minutes?: number | undefined;
}

/**
 * `POST /v1/b2b/magic_links/email/invite`: creates the member `invited` (a `pending` one becomes `invited`;
 * name, metadata and roles given are applied) and sends an invite link (default 1 week). Inviting an active
 * member is refused with 400 `duplicate_member_email` (Stytch "will return an error"; type UNVERIFIED). The
 * organization's `email_invites` decides: NOT_ALLOWED, or RESTRICTED with a domain outside
 * `email_allowed_domains`, is 403 `invalid_email_for_invites`. With a member session (header, or the
 * frontend caller's own), the acting member needs `create` on `stytch.member` (and `update.settings.roles`
 * when roles are given), as for members create.
 */
export async function inviteMember(
  ctx: ProjectContext,
  input: InviteInput,
  caller: Caller,
  creds: MemberSessionCredentials = {},
): Promise<{ member: MemberRecord; organization: OrganizationRecord }> {
  await enforceRateLimit(ctx, 'b2b.magic_links.email.invite', input.email_address);
  const email = normalizeEmail(input.email_address);
  const minutes = expirationMinutes(input.invite_expiration_minutes, EXPIRY.invite);
  if (caller === 'backend' && isSandboxSend(ctx, input.organization_id, email)) {
    return { member: { ...sandboxMember(ctx), status: 'invited' }, organization: sandboxOrganization(ctx) };
  }
  const organization = await getOrganization(ctx, input.organization_id);
  const needs: Need[] = [{ resource_id: 'stytch.member', action: 'create' }];
  if (input.roles !== undefined) needs.push({ resource_id: 'stytch.member', action: 'update.settings.roles' });
  refuseWhenActing(await authorizeActingMember(ctx, creds, organization, needs), input.trusted_metadata, 'cannot_update_trusted_metadata');
  const invites = organization.settings.email_invites;
  if (invites === 'NOT_ALLOWED' || (invites === 'RESTRICTED' && !organization.email_allowed_domains.includes(emailDomain(email)))) {
    throw new ApiError('invalid_email_for_invites');
  }
  const projectId = ctx.project.project_id;
  const existing = await ctx.stores.members.byEmail(projectId, organization.organization_id, email);
  if (existing?.status === 'active') throw new ApiError('duplicate_member_email', 'This member is already active in the organization; invites are for new, pending or invited members.');
  const base = await redirectUrl(ctx, 'invite', input.invite_redirect_url, caller);
  let member: MemberRecord;
  if (existing) {
    const now = ctx.clock();
    const updated = await ctx.stores.members
      .update(projectId, existing.member_id, {
        status: 'invited',
        ...(input.name !== undefined ? { name: checkMemberName(input.name) } : {}),
        ...(input.trusted_metadata !== undefined ? { trusted_metadata: checkMetadata(input.trusted_metadata, 'trusted_metadata') } : {}),
        ...(input.untrusted_metadata !== undefined ? { untrusted_metadata: checkMetadata(input.untrusted_metadata, 'untrusted_metadata') } : {}),
        ...(input.roles !== undefined ? { roles: checkAssignableRoles(input.roles, await rolesFor(ctx, organization)) } : {}),
        updated_at: now,
      })
      .catch(b2bConflictToApiError);
    if (!updated) throw new ApiError('member_not_found');
    member = updated;
  } else {
    member = { ...(await newMemberRecord(ctx, organization, { ...input, email_address: email })), status: 'invited' };
    await ctx.stores.members.insert(member).catch(b2bConflictToApiError);
  }
  const token = await issueLinkToken(ctx, {
    purpose: 'magic_link',
    method_id: member.member_id,
    subject_id: member.member_id,
    organization_id: organization.organization_id,
    email,
    data: { link_type: 'invite', vertical: 'b2b', ...(input.invited_by_member_id ? { invited_by_member_id: input.invited_by_member_id } : {}) },
    expiration_minutes: minutes,
  });
  await enqueueMail(ctx, {
    kind: 'invite',
    to: email,
    link: linkWithToken(base, B2B_MAGIC_LINK_TOKEN_TYPE, token),
    expiration_minutes: minutes,
    ...(input.invite_template_id ? { template_id: input.invite_template_id } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    organization_name: organization.organization_name,
    vertical: 'b2b',
  });
  return { member, organization };
}
