import { rfc3339, type User } from '@tessera/core';
import type { UserRecord } from '../../store/records.js';
import { isLocked } from '../passwords/lockout.js';

/** The consumer role every user has; assigned roles follow it. */
export const DEFAULT_USER_ROLE = 'stytch_user';

export function userRoles(user: UserRecord): string[] {
  return [DEFAULT_USER_ROLE, ...user.roles];
}


/** The Stytch User object. */
export function userView(user: UserRecord, now: number): User {
  const locked = isLocked(user, now);
  return {
    user_id: user.user_id,
    emails: user.emails.map((e) => ({ email_id: e.email_id, email: e.email, verified: e.verified })),
    status: user.status,
    phone_numbers: user.phones.map((p) => ({ phone_id: p.phone_id, phone_number: p.phone_number, verified: p.verified })),
    webauthn_registrations: [],
    providers: [],
    totps: [],
    crypto_wallets: [],
    biometric_registrations: [],
    is_locked: locked,
    roles: userRoles(user),
    name: { ...user.name },
    created_at: rfc3339(user.created_at),
    password: user.password ? { password_id: user.password.password_id, requires_reset: user.password.requires_reset } : null,
    trusted_metadata: user.trusted_metadata,
    untrusted_metadata: user.untrusted_metadata,
    external_id: user.external_id,
    lock_created_at: locked ? rfc3339(user.lock_created_at!) : null,
    lock_expires_at: locked ? rfc3339(user.lock_expires_at!) : null,
  };
}
