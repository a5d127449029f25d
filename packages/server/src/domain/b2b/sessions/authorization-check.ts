import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { authorizeMember } from '../rbac/authorize-member.js';

export interface AuthorizationCheck {
  organization_id: string;
  resource_id: string;
  action: string;
}

export interface Verdict {
  authorized: true;
  granting_roles: string[];
}

/** An `authorization_check` as sent: an object of three non-empty strings. */
export function parseAuthorizationCheck(value: unknown): AuthorizationCheck | null {
  if (value === undefined || value === null) return null;
  const o = value as Record<string, unknown>;
  const ok = typeof value === 'object' && !Array.isArray(value) && ['organization_id', 'resource_id', 'action'].every((k) => typeof o[k] === 'string' && o[k] !== '' && (o[k] as string).length <= 256);
  if (!ok) throw new ApiError('invalid_argument', 'authorization_check needs organization_id, resource_id and action (non-empty strings).');
  return { organization_id: o.organization_id as string, resource_id: o.resource_id as string, action: o.action as string };
}

/**
 * The verdict of `authorization_check` on authenticate: the check's organization must be the session's
 * (else 403 `session_authorization_tenancy_error`), and one of the member's roles must grant the action
 * (else 403 `session_authorization_error`).
 */
export async function verdictFor(ctx: ProjectContext, member: MemberRecord, organization: OrganizationRecord, check: AuthorizationCheck): Promise<Verdict> {
  if (check.organization_id !== organization.organization_id) {
    throw new ApiError('session_authorization_tenancy_error', `The session belongs to organization ${organization.organization_id}, not ${check.organization_id.slice(0, 128)}.`);
  }
  return { authorized: true, granting_roles: await authorizeMember(ctx, member, organization, check) };
}
