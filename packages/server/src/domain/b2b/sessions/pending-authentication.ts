/**
 * When a login or an exchange satisfies the organization's primary authentication but not its MFA policy
 * (or an exchange does not satisfy its allowed primary methods), Stytch answers `member_authenticated: false`
 * with an `intermediate_session_token` instead of a session (Stytch's B2B API). The token is a stored,
 * redeemable intermediate session (intermediate-session.ts) carrying the factors so far: the B2B endpoints
 * that take `intermediate_session_token` (magic links, email OTP, passwords, discovery) add theirs to it.
 *
 * @module
 */
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { FactorRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { issueIntermediateSession } from './intermediate-session.js';

export interface PendingAuthentication {
  intermediate_session_token: string;
  intermediate_session_token_expires_at: string;
  mfa_required: { member_options: { mfa_phone_number: string; totp_registration_id: string } | null; secondary_auth_initiated: null } | null;
  primary_required: { allowed_auth_methods: string[] } | null;
}

/** The organization auth method a factor satisfies (`allowed_auth_methods` names). */
function authMethodOf(f: FactorRecord): string | null {
  if (f.type === 'password' || f.type === 'magic_link' || f.type === 'email_otp' || f.type === 'sso') return f.type;
  if (f.type === 'oauth' && f.delivery_method.startsWith('oauth_')) return `${f.delivery_method.slice('oauth_'.length)}_oauth`;
  return null;
}

const isMfaFactor = (f: FactorRecord) => (f.type === 'otp' && f.delivery_method === 'sms') || f.type === 'totp';

/** What `factors` still lack for a full session of `member` in `org`; null when nothing. */
export function missingSteps(org: OrganizationRecord, member: Pick<MemberRecord, 'is_breakglass' | 'mfa_enrolled'>, factors: FactorRecord[]): { primary: string[] | null; mfa: boolean } | null {
  const s = org.settings;
  const primaryOk = s.auth_methods !== 'RESTRICTED' || member.is_breakglass || factors.some((f) => s.allowed_auth_methods.includes(authMethodOf(f) ?? ''));
  const mfa = (s.mfa_policy === 'REQUIRED_FOR_ALL' || member.mfa_enrolled) && !factors.some(isMfaFactor);
  return primaryOk && !mfa ? null : { primary: primaryOk ? null : s.allowed_auth_methods, mfa };
}

/** What a login still lacks, as Stytch shows it (`mfa_required`, `primary_required`). */
export function requiredSteps(member: Pick<MemberRecord, 'mfa_phone_number'> | null, steps: { primary: string[] | null; mfa: boolean }): Pick<PendingAuthentication, 'mfa_required' | 'primary_required'> {
  return {
    mfa_required: steps.mfa
      ? { member_options: member?.mfa_phone_number ? { mfa_phone_number: member.mfa_phone_number, totp_registration_id: '' } : null, secondary_auth_initiated: null }
      : null,
    primary_required: steps.primary ? { allowed_auth_methods: steps.primary } : null,
  };
}

/** An intermediate session for `member` of `org` holding `factors`, and what it still lacks. */
export async function pendingAuthentication(
  ctx: ProjectContext,
  member: MemberRecord,
  org: OrganizationRecord,
  steps: { primary: string[] | null; mfa: boolean },
  factors: FactorRecord[],
): Promise<PendingAuthentication> {
  const ist = await issueIntermediateSession(ctx, { email: member.email_address, member_id: member.member_id, organization_id: org.organization_id, factors });
  return { ...ist, ...requiredSteps(member, steps) };
}
