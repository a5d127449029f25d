import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { issueLinkToken } from '../../email/issue-token.js';
import { linkWithToken, redirectUrl, type Caller } from '../../email/redirect-url.js';
import { ApiError } from '../../errors.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { enqueueMail } from '../../mail/enqueue-mail.js';
import { normalizeEmail } from '../../validate.js';
import { EXPIRY, expirationMinutes } from '../expiration.js';
import { getOrganization } from '../organizations/get-organization.js';

export interface StartMemberResetInput {
  organization_id: string;
  email_address: string;
  reset_password_redirect_url?: string | undefined;
  reset_password_expiration_minutes?: number | undefined;
  code_challenge?: string | undefined;
  login_redirect_url?: string | undefined;
  locale?: string | undefined;
  reset_password_template_id?: string | undefined;
}

/**
 * `POST /v1/b2b/passwords/email/reset/start`: mails the member a reset link (30 minutes unless told
 * otherwise; `stytch_token_type=multi_tenant_passwords`; purpose `password_reset`, bound to the member and
 * organization). Unknown member -> 404 `member_not_found`. An organization whose auth methods exclude
 * passwords refuses (403 `operation_restricted_by_organization_auth_methods`).
 */
export async function startMemberPasswordReset(ctx: ProjectContext, input: StartMemberResetInput, caller: Caller): Promise<{ member: MemberRecord; organization: OrganizationRecord }> {
  await enforceRateLimit(ctx, 'b2b.passwords.email.reset.start', input.email_address);
  const email = normalizeEmail(input.email_address);
  const minutes = expirationMinutes(input.reset_password_expiration_minutes, EXPIRY.reset);
  const organization = await getOrganization(ctx, input.organization_id);
  const member = await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, email);
  if (!member) throw new ApiError('member_not_found');
  const s = organization.settings;
  if (s.auth_methods === 'RESTRICTED' && !s.allowed_auth_methods.includes('password') && !member.is_breakglass) {
    throw new ApiError('operation_restricted_by_organization_auth_methods');
  }
  const base = await redirectUrl(ctx, 'reset', input.reset_password_redirect_url, caller);
  const token = await issueLinkToken(ctx, {
    purpose: 'password_reset',
    method_id: member.member_id,
    subject_id: member.member_id,
    organization_id: organization.organization_id,
    email,
    data: { vertical: 'b2b' },
    ...(input.code_challenge ? { code_challenge: input.code_challenge } : {}),
    expiration_minutes: minutes,
  });
  await enqueueMail(ctx, {
    kind: 'password_reset',
    to: email,
    link: linkWithToken(base, 'multi_tenant_passwords', token),
    expiration_minutes: minutes,
    ...(input.reset_password_template_id ? { template_id: input.reset_password_template_id } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    organization_name: organization.organization_name,
    vertical: 'b2b',
  });
  return { member, organization };
}
