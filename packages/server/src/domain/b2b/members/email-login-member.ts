/**
 * The member an email login (magic link, email OTP) of an organization is for, and the organization rules
 * that decide whether a new one may join: the rules login_or_signup, discovery and the intermediate-session
 * exchange share.
 *
 * @module
 */
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { newMemberRecord } from './create-member.js';

/** The part of an email address after the last `@`. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1);

/**
 * Stytch's `method_id` / `member_email_id` of a member's email address. Tessera keeps one email per member,
 * so the id is derived from the member id (`member-test-<uuid>` -> `member-email-test-<uuid>`; format UNVERIFIED).
 */
export const memberEmailId = (member: Pick<MemberRecord, 'member_id'>): string => member.member_id.replace(/^member-/, 'member-email-');

/**
 * An organization with `auth_methods: RESTRICTED` refuses a primary method missing from
 * `allowed_auth_methods` (403 `operation_restricted_by_organization_auth_methods`); breakglass members may
 * use any method, as for passwords.
 */
export function checkAuthMethod(org: OrganizationRecord, method: 'magic_link' | 'email_otp' | 'password', member: MemberRecord | null): void {
  const s = org.settings;
  if (s.auth_methods === 'RESTRICTED' && !s.allowed_auth_methods.includes(method) && !member?.is_breakglass) {
    throw new ApiError('operation_restricted_by_organization_auth_methods');
  }
}

/**
 * Whether someone with `email` may join `org` without an invite (JIT provisioning by email domain):
 * `email_jit_provisioning: RESTRICTED` and the domain among `email_allowed_domains`. Refusals:
 * NOT_ALLOWED -> 403 `email_jit_provisioning_not_allowed`, another domain -> 403
 * `invalid_email_for_jit_provisioning` (the types the official SDKs' UI handles; statuses UNVERIFIED).
 */
export function checkJitByEmail(org: OrganizationRecord, email: string): void {
  if (org.settings.email_jit_provisioning !== 'RESTRICTED') throw new ApiError('email_jit_provisioning_not_allowed');
  if (!org.email_allowed_domains.includes(emailDomain(email))) throw new ApiError('invalid_email_for_jit_provisioning');
}

export const mayJoinByEmail = (org: OrganizationRecord, email: string): boolean =>
  org.settings.email_jit_provisioning === 'RESTRICTED' && org.email_allowed_domains.includes(emailDomain(email));

/**
 * The member an email login_or_signup is for: the existing (active, pending or invited) member, or a new
 * `pending` one when the organization allows JIT provisioning by email domain. The new member is NOT
 * written: the caller inserts it with {@link insertJoiningMember} once the rest of the request is valid.
 */
export async function memberForEmailLogin(
  ctx: ProjectContext,
  org: OrganizationRecord,
  email: string,
  method: 'magic_link' | 'email_otp',
): Promise<{ member: MemberRecord; created: boolean }> {
  const existing = await ctx.stores.members.byEmail(ctx.project.project_id, org.organization_id, email);
  checkAuthMethod(org, method, existing);
  if (existing) return { member: existing, created: false };
  checkJitByEmail(org, email);
  return { member: await newMemberRecord(ctx, org, { email_address: email, create_member_as_pending: true }), created: true };
}

/**
 * Inserts a member made by {@link memberForEmailLogin} (or an exchange's JIT member). When a parallel
 * request created the same email first, that member is used instead.
 */
export async function insertJoiningMember(ctx: ProjectContext, member: MemberRecord): Promise<MemberRecord> {
  try {
    await ctx.stores.members.insert(member);
    return member;
  } catch (err) {
    const winner = await ctx.stores.members.byEmail(ctx.project.project_id, member.organization_id, member.email_address);
    if (winner) return winner;
    throw err;
  }
}
