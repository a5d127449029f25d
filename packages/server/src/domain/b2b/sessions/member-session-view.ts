import { rfc3339, type SessionClaim } from '@tessera/core';
import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import { factorView } from '../../sessions/session-view.js';
import { memberRoleIds } from '../members/member-roles.js';
import type { MemberSession } from '../wire.js';

/** The Stytch MemberSession object: no `attributes`; roles are the member's current ones. */
export function memberSessionView(s: MemberSessionRecord, member: MemberRecord, org: OrganizationRecord): MemberSession {
  return {
    member_session_id: s.member_session_id,
    member_id: s.member_id,
    started_at: rfc3339(s.started_at),
    last_accessed_at: rfc3339(s.last_accessed_at),
    expires_at: rfc3339(s.expires_at),
    authentication_factors: s.factors.map((f) => factorView(f)),
    organization_id: s.organization_id,
    roles: memberRoleIds(member, org),
    organization_slug: org.organization_slug,
    custom_claims: s.custom_claims,
  };
}

/**
 * The `https://stytch.com/session` claim of a member session JWT: as the consumer claim, `id` being the
 * member_session_id. Stytch's B2B JWTs carry empty `attributes` too (UNVERIFIED; the SDK ignores them).
 */
export function memberSessionClaim(s: MemberSessionRecord, member: MemberRecord, org: OrganizationRecord): SessionClaim {
  const view = memberSessionView(s, member, org);
  return {
    id: s.member_session_id,
    started_at: view.started_at,
    last_accessed_at: view.last_accessed_at,
    expires_at: view.expires_at,
    attributes: { ip_address: '', user_agent: '' },
    authentication_factors: s.factors.map((f) => factorView(f, true)),
    roles: view.roles,
  };
}
