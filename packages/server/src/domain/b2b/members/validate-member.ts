/**
 * Checks on a member's fields (email, phone and metadata use the consumer validators in `domain/validate.ts`).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Env } from '@tessera/core';
import type { RbacRole } from '../../../store/b2b-records.js';
import { ApiError } from '../../errors.js';
import { STYTCH_MEMBER } from '../rbac/default-policy.js';

export function checkMemberName(name: string): string {
  if (name.length > 1024) throw new ApiError('invalid_argument', 'name is limited to 1024 characters.');
  return name;
}

/**
 * Explicit role assignments: roles of the project policy or of the organization. `stytch_member` is every
 * member's already and cannot be assigned; `stytch_admin` can (Stytch's documented example does).
 */
export function checkAssignableRoles(roles: string[], assignable: readonly RbacRole[]): string[] {
  if (roles.length > 50) throw new ApiError('invalid_rbac_role_assignment', 'At most 50 roles may be assigned.');
  for (const r of roles) {
    if (r === STYTCH_MEMBER) throw new ApiError('cannot_assign_default_rbac_role_id');
    if (!assignable.some((a) => a.role_id === r)) throw new ApiError('invalid_rbac_role_assignment', `"${r.slice(0, 64)}" is not a role of the RBAC policy or of the organization.`);
  }
  return [...new Set(roles)];
}

export function checkDefaultMfaMethod(method: string): string {
  if (method !== '' && method !== 'sms_otp' && method !== 'totp') throw new ApiError('invalid_mfa_default_method');
  return method;
}

/** Member password ids look like Stytch's: `member-password-test-<uuid>`. */
export const memberPasswordId = (env: Env) => `member-password-${env}-${randomUUID()}`;
