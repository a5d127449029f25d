/**
 * When a login or an exchange satisfies the organization's primary authentication but not its MFA policy
 * (or an exchange does not satisfy its allowed primary methods), Stytch answers `member_authenticated: false`
 * with an `intermediate_session_token` instead of a session (stytch-api.md §7.1).
 *
 * Tessera serves no MFA (OTP SMS, TOTP) or discovery endpoints yet, so nothing can redeem the token: it is
 * random and not stored, and an `intermediate_session_token` sent back is answered 404
 * `intermediate_session_not_found`. Organizations that require MFA can therefore not complete a login yet.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { rfc3339 } from '@tessera/core';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { FactorRecord } from '../../../store/records.js';

export interface PendingAuthentication {
  intermediate_session_token: string;
  intermediate_session_token_expires_at: string;
  mfa_required: { member_options: { mfa_phone_number: string; totp_registration_id: string } | null; secondary_auth_initiated: null } | null;
  primary_required: { allowed_auth_methods: string[] } | null;
}

/** Stytch: intermediate session tokens live 10 minutes. */
const INTERMEDIATE_TTL_MS = 10 * 60_000;

/** The organization auth method a factor satisfies (`allowed_auth_methods` names). */
function authMethodOf(f: FactorRecord): string | null {
  if (f.type === 'password' || f.type === 'magic_link' || f.type === 'email_otp' || f.type === 'sso') return f.type;
  if (f.type === 'oauth' && f.delivery_method.startsWith('oauth_')) return `${f.delivery_method.slice('oauth_'.length)}_oauth`;
  return null;
}

const isMfaFactor = (f: FactorRecord) => (f.type === 'otp' && f.delivery_method === 'sms') || f.type === 'totp';

/** What `factors` still lack for a full session of `member` in `org`; null when nothing. */
export function missingSteps(org: OrganizationRecord, member: MemberRecord, factors: FactorRecord[]): { primary: string[] | null; mfa: boolean } | null {
  const s = org.settings;
  const primaryOk = s.auth_methods !== 'RESTRICTED' || member.is_breakglass || factors.some((f) => s.allowed_auth_methods.includes(authMethodOf(f) ?? ''));
  const mfa = (s.mfa_policy === 'REQUIRED_FOR_ALL' || member.mfa_enrolled) && !factors.some(isMfaFactor);
  return primaryOk && !mfa ? null : { primary: primaryOk ? null : s.allowed_auth_methods, mfa };
}

export function pendingAuthentication(member: MemberRecord, steps: { primary: string[] | null; mfa: boolean }, now: number): PendingAuthentication {
  return {
    intermediate_session_token: randomBytes(33).toString('base64url'),
    intermediate_session_token_expires_at: rfc3339(now + INTERMEDIATE_TTL_MS),
    mfa_required: steps.mfa
      ? { member_options: member.mfa_phone_number ? { mfa_phone_number: member.mfa_phone_number, totp_registration_id: '' } : null, secondary_auth_initiated: null }
      : null,
    primary_required: steps.primary ? { allowed_auth_methods: steps.primary } : null,
  };
}
