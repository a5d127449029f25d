import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { issueOtpCode } from '../../email/issue-token.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { enqueueMail } from '../../mail/enqueue-mail.js';
import { isSandboxSend, sandboxMember, sandboxOrganization } from '../../sandbox/b2b.js';
import { normalizeEmail } from '../../validate.js';
import { EXPIRY, expirationMinutes } from '../expiration.js';
import { insertJoiningMember, memberEmailId, memberForEmailLogin } from '../members/email-login-member.js';
import { getOrganization } from '../organizations/get-organization.js';

export interface OtpLoginOrSignupInput {
  organization_id: string;
  email_address: string;
  login_template_id?: string | undefined;
  signup_template_id?: string | undefined;
  locale?: string | undefined;
  login_expiration_minutes?: number | undefined;
  signup_expiration_minutes?: number | undefined;
}

/**
 * `POST /v1/b2b/otps/email/login_or_signup`: a 6-digit code for the member (created `pending` when the
 * organization allows JIT provisioning by email domain), valid 10 minutes unless told otherwise (2..15).
 * Sending a code ends the member's previous one (one live code per member email). Same rules as the magic
 * link login_or_signup, with `email_otp` as the auth method.
 */
export async function otpLoginOrSignup(
  ctx: ProjectContext,
  input: OtpLoginOrSignupInput,
  caller: 'backend' | 'sdk',
): Promise<{ member: MemberRecord; organization: OrganizationRecord; member_created: boolean }> {
  await enforceRateLimit(ctx, 'b2b.otps.email.login_or_signup', input.email_address);
  const email = normalizeEmail(input.email_address);
  const loginMinutes = expirationMinutes(input.login_expiration_minutes, EXPIRY.otp);
  const signupMinutes = expirationMinutes(input.signup_expiration_minutes, EXPIRY.otp);
  if (caller === 'backend' && isSandboxSend(ctx, input.organization_id, email)) {
    return { member: sandboxMember(ctx), organization: sandboxOrganization(ctx), member_created: false };
  }
  const organization = await getOrganization(ctx, input.organization_id);
  const found = await memberForEmailLogin(ctx, organization, email, 'email_otp');
  const member = found.created ? await insertJoiningMember(ctx, found.member) : found.member;
  const login = member.status === 'active';
  const minutes = login ? loginMinutes : signupMinutes;
  const code = await issueOtpCode(ctx, {
    purpose: 'otp',
    method_id: memberEmailId(member),
    subject_id: member.member_id,
    organization_id: organization.organization_id,
    email,
    data: { vertical: 'b2b' },
    expiration_minutes: minutes,
  });
  const templateId = login ? input.login_template_id : input.signup_template_id;
  await enqueueMail(ctx, {
    kind: 'email_otp',
    to: email,
    code,
    expiration_minutes: minutes,
    ...(templateId ? { template_id: templateId } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    organization_name: organization.organization_name,
    vertical: 'b2b',
  });
  return { member, organization, member_created: found.created };
}
