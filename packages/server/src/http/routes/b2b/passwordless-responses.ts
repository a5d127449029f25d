/**
 * Response bodies of the B2B passwordless and discovery endpoints (stytch `lib/b2b/magic_links*.d.ts`,
 * `otp_email.d.ts`, `discovery*.d.ts`, `passwords_email.d.ts`), backend and frontend alike.
 *
 * @module
 */
import type { ProjectContext } from '../../../domain/context.js';
import { memberEmailId } from '../../../domain/b2b/members/email-login-member.js';
import type { MemberLogin } from '../../../domain/b2b/sessions/complete-member-login.js';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import { memberLoginResponse, memberResponse } from './responses.js';

/** magic links / OTP authenticate: the login plus `method_id` and `reset_sessions`. */
export function emailLoginResponse(ctx: ProjectContext, r: MemberLogin & { method_id: string }) {
  return { ...memberLoginResponse(ctx, r), method_id: r.method_id, reset_sessions: false };
}

/** A sandbox authenticate: the fixed member and organization, no session. */
export function sandboxLoginResponse(ctx: ProjectContext, r: { member: MemberRecord; organization: OrganizationRecord }) {
  return {
    ...memberResponse(ctx, r),
    organization_id: r.organization.organization_id,
    method_id: memberEmailId(r.member),
    reset_sessions: false,
    member_session: null,
    session_token: '',
    session_jwt: '',
    member_authenticated: true,
    intermediate_session_token: '',
    mfa_required: null,
    primary_required: null,
  };
}

/** login_or_signup (magic link, OTP): `member_id, member_created, member, organization`. */
export function loginOrSignupResponse(ctx: ProjectContext, r: { member: MemberRecord; organization: OrganizationRecord; member_created: boolean }) {
  return { ...memberResponse(ctx, r), member_created: r.member_created };
}

/** Password reset start: `member_id, member_email_id, member` (and the organization). */
export function resetStartResponse(ctx: ProjectContext, r: { member: MemberRecord; organization: OrganizationRecord }) {
  return { ...memberResponse(ctx, r), member_email_id: memberEmailId(r.member) };
}

/** Password reset: the login plus `member_email_id`. */
export function resetResponse(ctx: ProjectContext, r: MemberLogin) {
  return { ...memberLoginResponse(ctx, r), member_email_id: memberEmailId(r.member) };
}
