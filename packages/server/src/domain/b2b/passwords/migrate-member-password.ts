import { parseMigratedHash, type MigrateHashInput } from '../../../crypto/password/index.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { normalizeEmail } from '../../validate.js';
import { b2bConflictToApiError } from '../conflict.js';
import { newMemberRecord, type NewMemberInput } from '../members/create-member.js';
import { memberPasswordId } from '../members/validate-member.js';
import { getOrganization } from '../organizations/get-organization.js';

export interface MigrateMemberPasswordInput extends MigrateHashInput, Omit<NewMemberInput, 'create_member_as_pending' | 'is_breakglass' | 'mfa_enrolled'> {
  organization_id: string;
  set_phone_number_verified?: boolean | undefined;
}

/**
 * `POST /v1/b2b/passwords/migrate`: imports a hash from another system for the member of the organization
 * with that email, creating the member (with the given name, metadata, roles, phone and external id) when
 * there is none. The hash is validated first and upgraded to argon2id on the member's first login, as for
 * users.
 */
export async function migrateMemberPassword(ctx: ProjectContext, input: MigrateMemberPasswordInput) {
  const email = normalizeEmail(input.email_address);
  const parsed = parseMigratedHash(input);
  if (!parsed.ok) throw new ApiError(parsed.error_type, parsed.message);
  const organization = await getOrganization(ctx, input.organization_id);
  const projectId = ctx.project.project_id;
  const existing = await ctx.stores.members.byEmail(projectId, organization.organization_id, email);
  const password = { password_id: existing?.password?.password_id ?? memberPasswordId(ctx.project.env), hash: parsed.stored, requires_reset: false };
  if (existing) {
    const member = await ctx.stores.members.update(projectId, existing.member_id, { password, updated_at: ctx.clock() });
    if (!member) throw new ApiError('member_not_found');
    return { member, organization, member_created: false };
  }
  const member = await newMemberRecord(ctx, organization, { ...input, email_address: email }, password);
  member.mfa_phone_number_verified = Boolean(input.set_phone_number_verified && member.mfa_phone_number);
  await ctx.stores.members.insert(member).catch(b2bConflictToApiError);
  return { member, organization, member_created: true };
}
