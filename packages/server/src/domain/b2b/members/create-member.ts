import { newId, type JsonObject } from '@tessera/core';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { PasswordRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { checkExternalId, checkMetadata, normalizeEmail, normalizePhone } from '../../validate.js';
import { b2bConflictToApiError } from '../conflict.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember, refuseWhenActing, type Need } from '../rbac/acting-member.js';
import { rolesFor } from '../rbac/project-policy.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { checkAssignableRoles, checkMemberName } from './validate-member.js';

export interface NewMemberInput {
  email_address: string;
  name?: string | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  create_member_as_pending?: boolean | undefined;
  is_breakglass?: boolean | undefined;
  mfa_phone_number?: string | undefined;
  mfa_enrolled?: boolean | undefined;
  roles?: string[] | undefined;
  external_id?: string | undefined;
}

/** A validated new member of `org` (nothing is written). */
export async function newMemberRecord(ctx: ProjectContext, org: OrganizationRecord, input: NewMemberInput, password: PasswordRecord | null = null): Promise<MemberRecord> {
  const now = ctx.clock();
  return {
    member_id: newId('member', ctx.project.env),
    project_id: ctx.project.project_id,
    organization_id: org.organization_id,
    email_address: normalizeEmail(input.email_address),
    status: input.create_member_as_pending ? 'pending' : 'active',
    name: checkMemberName(input.name ?? ''),
    external_id: input.external_id ? checkExternalId(input.external_id) : null,
    trusted_metadata: checkMetadata(input.trusted_metadata ?? {}, 'trusted_metadata'),
    untrusted_metadata: checkMetadata(input.untrusted_metadata ?? {}, 'untrusted_metadata'),
    roles: input.roles ? checkAssignableRoles(input.roles, await rolesFor(ctx, org)) : [],
    is_breakglass: input.is_breakglass ?? false,
    mfa_enrolled: input.mfa_enrolled ?? false,
    mfa_phone_number: input.mfa_phone_number ? normalizePhone(input.mfa_phone_number) : '',
    mfa_phone_number_verified: false,
    default_mfa_method: '',
    email_address_verified: false,
    password,
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * `POST /v1/b2b/organizations/{organization_id}/members`. Every member holds `stytch_member`; `roles`
 * assigns others, `stytch_admin` included. A member session header needs `create` on `stytch.member`, and
 * `update.settings.roles` when roles are given (UNVERIFIED: Stytch documents only `create`).
 */
export async function createMember(ctx: ProjectContext, organizationRef: string, input: NewMemberInput, creds: MemberSessionCredentials = {}) {
  const organization = await getOrganization(ctx, organizationRef);
  const needs: Need[] = [{ resource_id: 'stytch.member', action: 'create' }];
  if (input.roles !== undefined) needs.push({ resource_id: 'stytch.member', action: 'update.settings.roles' });
  refuseWhenActing(await authorizeActingMember(ctx, creds, organization, needs), input.trusted_metadata, 'cannot_update_trusted_metadata');
  const member = await newMemberRecord(ctx, organization, input);
  await ctx.stores.members.insert(member).catch(b2bConflictToApiError);
  return { member, organization };
}
