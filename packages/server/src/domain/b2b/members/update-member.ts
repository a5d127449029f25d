import type { JsonObject } from '@tessera/core';
import type { MemberPatch } from '../../../store/b2b-stores.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { checkExternalId, mergeMetadata, normalizeEmail, normalizePhone } from '../../validate.js';
import { b2bConflictToApiError } from '../conflict.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember, refuseWhenActing, type Need } from '../rbac/acting-member.js';
import { rolesFor } from '../rbac/project-policy.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { getMember } from './get-member.js';
import { checkAssignableRoles, checkDefaultMfaMethod, checkMemberName } from './validate-member.js';

export interface MemberUpdateInput {
  name?: string | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  is_breakglass?: boolean | undefined;
  mfa_phone_number?: string | undefined;
  mfa_enrolled?: boolean | undefined;
  roles?: string[] | undefined;
  default_mfa_method?: string | undefined;
  email_address?: string | undefined;
  external_id?: string | undefined;
}

/**
 * The action each field needs when a member session header is sent (the field docs of `stytch` 14.2.0);
 * `self`: the same action on `stytch.self` suffices when members update themselves.
 */
const ACTIONS: Record<Exclude<keyof MemberUpdateInput, 'trusted_metadata'>, { action: string; self: boolean }> = {
  name: { action: 'update.info.name', self: true },
  untrusted_metadata: { action: 'update.info.untrusted-metadata', self: true },
  is_breakglass: { action: 'update.settings.is-breakglass', self: false },
  mfa_phone_number: { action: 'update.info.mfa-phone', self: true },
  mfa_enrolled: { action: 'update.settings.mfa-enrolled', self: true },
  roles: { action: 'update.settings.roles', self: false },
  default_mfa_method: { action: 'update.settings.default-mfa-method', self: true },
  email_address: { action: 'update.info.email', self: false },
  external_id: { action: 'update.info.external-id', self: false },
};

/**
 * `PUT /v1/b2b/organizations/{organization_id}/members/{member_id}`. Metadata merges at the top level (null
 * deletes a key); `roles` replaces the explicit roles; a new email address is unverified and clears the
 * password, as Stytch documents. Everything is validated before the one write.
 */
export async function updateMember(ctx: ProjectContext, organizationRef: string, memberRef: string, input: MemberUpdateInput, creds: MemberSessionCredentials = {}) {
  const organization = await getOrganization(ctx, organizationRef);
  const member = await getMember(ctx, organization, memberRef);
  const needs: Need[] = Object.entries(ACTIONS)
    .filter(([field]) => input[field as keyof MemberUpdateInput] !== undefined)
    .map(([, { action, self }]) => ({ resource_id: 'stytch.member', action, ...(self ? { onMember: member.member_id } : {}) }));
  const acting = await authorizeActingMember(ctx, creds, organization, needs);
  refuseWhenActing(acting, input.trusted_metadata, 'cannot_update_trusted_metadata');
  if (acting?.member_id === member.member_id && input.email_address !== undefined) throw new ApiError('member_cannot_update_their_email_address');

  const patch: MemberPatch = { updated_at: ctx.clock() };
  if (input.name !== undefined) patch.name = checkMemberName(input.name);
  if (input.trusted_metadata) patch.trusted_metadata = mergeMetadata(member.trusted_metadata, input.trusted_metadata, 'trusted_metadata');
  if (input.untrusted_metadata) patch.untrusted_metadata = mergeMetadata(member.untrusted_metadata, input.untrusted_metadata, 'untrusted_metadata');
  if (input.is_breakglass !== undefined) patch.is_breakglass = input.is_breakglass;
  if (input.mfa_phone_number !== undefined) patch.mfa_phone_number = input.mfa_phone_number === '' ? '' : normalizePhone(input.mfa_phone_number);
  if (input.mfa_enrolled !== undefined) patch.mfa_enrolled = input.mfa_enrolled;
  if (input.roles !== undefined) patch.roles = checkAssignableRoles(input.roles, await rolesFor(ctx, organization));
  if (input.default_mfa_method !== undefined) patch.default_mfa_method = checkDefaultMfaMethod(input.default_mfa_method);
  if (input.external_id !== undefined) patch.external_id = input.external_id === '' ? null : checkExternalId(input.external_id);
  const email = input.email_address === undefined ? undefined : normalizeEmail(input.email_address);
  if (email !== undefined && email !== member.email_address) Object.assign(patch, { email_address: email, email_address_verified: false, password: null });

  const updated = await ctx.stores.members.update(ctx.project.project_id, member.member_id, patch).catch(b2bConflictToApiError);
  if (!updated) throw new ApiError('member_not_found');
  return { member: updated, organization };
}
