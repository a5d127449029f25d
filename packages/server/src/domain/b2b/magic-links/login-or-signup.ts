import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { issueLinkToken } from '../../email/issue-token.js';
import { linkWithToken, redirectUrl, type Caller } from '../../email/redirect-url.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { enqueueMail } from '../../mail/enqueue-mail.js';
import { isSandboxSend, sandboxMember, sandboxOrganization } from '../../sandbox/b2b.js';
import { normalizeEmail } from '../../validate.js';
import { EXPIRY, expirationMinutes } from '../expiration.js';
import { insertJoiningMember, memberForEmailLogin } from '../members/email-login-member.js';
import { getOrganization } from '../organizations/get-organization.js';

export interface MagicLinkLoginOrSignupInput {
  organization_id: string;
  email_address: string;
  login_redirect_url?: string | undefined;
  signup_redirect_url?: string | undefined;
  pkce_code_challenge?: string | undefined;
  login_template_id?: string | undefined;
  signup_template_id?: string | undefined;
  locale?: string | undefined;
  login_expiration_minutes?: number | undefined;
  signup_expiration_minutes?: number | undefined;
}

/** B2B magic link tokens go in the link as `stytch_token_type=multi_tenant_magic_links`. */
export const B2B_MAGIC_LINK_TOKEN_TYPE = 'multi_tenant_magic_links';

/**
 * `POST /v1/b2b/magic_links/email/login_or_signup`: an active member gets a login link; a pending or invited
 * member, or a new one (created `pending` when the organization allows JIT provisioning by email domain),
 * a signup link. Everything is validated (organization, auth methods, JIT rules, expirations, redirect URL)
 * before the member is created or anything is sent. The link's token is stored as its HMAC, purpose
 * `magic_link`, bound to the member and organization.
 */
export async function magicLinkLoginOrSignup(
  ctx: ProjectContext,
  input: MagicLinkLoginOrSignupInput,
  caller: Caller,
): Promise<{ member: MemberRecord; organization: OrganizationRecord; member_created: boolean }> {
  await enforceRateLimit(ctx, 'b2b.magic_links.email.login_or_signup', input.email_address);
  const email = normalizeEmail(input.email_address);
  const loginMinutes = expirationMinutes(input.login_expiration_minutes, EXPIRY.login);
  const signupMinutes = expirationMinutes(input.signup_expiration_minutes, EXPIRY.login);
  if (caller === 'backend' && isSandboxSend(ctx, input.organization_id, email)) {
    return { member: sandboxMember(ctx), organization: sandboxOrganization(ctx), member_created: false };
  }
  const organization = await getOrganization(ctx, input.organization_id);
  const found = await memberForEmailLogin(ctx, organization, email, 'magic_link');
  const login = found.member.status === 'active';
  const base = await redirectUrl(ctx, login ? 'login' : 'signup', login ? input.login_redirect_url : input.signup_redirect_url, caller);
  const member = found.created ? await insertJoiningMember(ctx, found.member) : found.member;
  const minutes = login ? loginMinutes : signupMinutes;
  const token = await issueLinkToken(ctx, {
    purpose: 'magic_link',
    method_id: member.member_id,
    subject_id: member.member_id,
    organization_id: organization.organization_id,
    email,
    data: { link_type: login ? 'login' : 'signup', vertical: 'b2b' },
    ...(input.pkce_code_challenge ? { code_challenge: input.pkce_code_challenge } : {}),
    expiration_minutes: minutes,
  });
  const templateId = login ? input.login_template_id : input.signup_template_id;
  await enqueueMail(ctx, {
    kind: login ? 'login' : 'signup',
    to: email,
    link: linkWithToken(base, B2B_MAGIC_LINK_TOKEN_TYPE, token),
    expiration_minutes: minutes,
    ...(templateId ? { template_id: templateId } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    organization_name: organization.organization_name,
    vertical: 'b2b',
  });
  return { member, organization, member_created: found.created };
}
