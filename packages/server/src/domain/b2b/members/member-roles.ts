import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import { STYTCH_MEMBER } from '../rbac/default-policy.js';
import type { MemberRole } from '../wire.js';

/**
 * A member's roles with where each comes from: `stytch_member` for everyone, the explicitly assigned roles
 * (`direct_assignment`), and the organization's email-domain roles (`email_assignment`, details
 * `{ email_domain }`). Stytch lists `stytch_member` as a direct assignment too (UNVERIFIED).
 */
export function memberRoles(member: MemberRecord, org: OrganizationRecord): MemberRole[] {
  const roles = new Map<string, MemberRole>();
  const add = (role_id: string, source: MemberRole['sources'][number]) => {
    const role = roles.get(role_id) ?? { role_id, sources: [] };
    role.sources.push(source);
    roles.set(role_id, role);
  };
  for (const r of [STYTCH_MEMBER, ...member.roles]) add(r, { type: 'direct_assignment', details: {} });
  const domain = member.email_address.slice(member.email_address.lastIndexOf('@') + 1);
  for (const a of org.settings.rbac_email_implicit_role_assignments) {
    if (a.domain === domain) add(a.role_id, { type: 'email_assignment', details: { email_domain: domain } });
  }
  return [...roles.values()];
}

/** The role ids a member's session carries (in the JWT and the MemberSession object). */
export const memberRoleIds = (member: MemberRecord, org: OrganizationRecord): string[] => memberRoles(member, org).map((r) => r.role_id);
