import { ORGANIZATION_CLAIM } from '@tessera/core';
import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { signSessionJwt } from '../../sessions/sign-session-jwt.js';
import { memberSessionClaim } from './member-session-view.js';

/**
 * A fresh 5-minute member session JWT: the consumer layout (docs/architecture.md, "Session JWTs") with `sub` = member_id and
 * the `https://stytch.com/organization` claim `{ organization_id, slug }` the official B2B client requires.
 */
export function mintMemberSessionJwt(ctx: ProjectContext, s: MemberSessionRecord, member: MemberRecord, org: OrganizationRecord): Promise<string> {
  return signSessionJwt(ctx, {
    subject: member.member_id,
    nowSeconds: Math.floor(s.last_accessed_at / 1000),
    claim: memberSessionClaim(s, member, org),
    extra: { ...s.custom_claims, [ORGANIZATION_CLAIM]: { organization_id: org.organization_id, slug: org.organization_slug } },
  });
}
