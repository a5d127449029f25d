import { rfc3339 } from '@tessera/core';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import { isLocked } from '../../passwords/lockout.js';
import { STYTCH_ADMIN } from '../rbac/default-policy.js';
import type { Member } from '../wire.js';
import { memberRoles } from './member-roles.js';

/**
 * The Stytch Member object. Unset string fields are `""`, as Stytch sends them
 * (UNVERIFIED); Tessera has no SSO, OAuth, TOTP or SCIM registrations and keeps no retired emails yet.
 */
export function memberView(m: MemberRecord, org: OrganizationRecord, now: number): Member {
  const roles = memberRoles(m, org);
  const locked = isLocked(m, now);
  return {
    organization_id: m.organization_id,
    member_id: m.member_id,
    email_address: m.email_address,
    status: m.status,
    name: m.name,
    sso_registrations: [],
    is_breakglass: m.is_breakglass,
    member_password_id: m.password?.password_id ?? '',
    oauth_registrations: [],
    email_address_verified: m.email_address_verified,
    mfa_phone_number_verified: m.mfa_phone_number_verified,
    is_admin: roles.some((r) => r.role_id === STYTCH_ADMIN),
    totp_registration_id: '',
    retired_email_addresses: [],
    is_locked: locked,
    mfa_enrolled: m.mfa_enrolled,
    mfa_phone_number: m.mfa_phone_number,
    default_mfa_method: m.default_mfa_method,
    roles,
    trusted_metadata: m.trusted_metadata,
    untrusted_metadata: m.untrusted_metadata,
    created_at: rfc3339(m.created_at),
    updated_at: rfc3339(m.updated_at),
    scim_registration: null,
    external_id: m.external_id ?? '',
    lock_created_at: locked ? rfc3339(m.lock_created_at!) : null,
    lock_expires_at: locked ? rfc3339(m.lock_expires_at!) : null,
  };
}
