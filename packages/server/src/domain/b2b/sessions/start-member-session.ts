import type { JsonObject } from '@tessera/core';
import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { FactorRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { newSession } from '../../sessions/new-session.js';
import { authenticateMemberSession, type AuthenticatedMemberSession } from './authenticate-member-session.js';
import { mintMemberSessionJwt } from './mint-member-jwt.js';

/** Stytch B2B: "If the `session_duration_minutes` parameter is not specified, a Stytch session will be created with a 60 minute duration." */
export const DEFAULT_MEMBER_SESSION_MINUTES = 60;

export interface MemberSessionOptions {
  session_duration_minutes?: number | undefined;
  session_custom_claims?: JsonObject | null | undefined;
  session_token?: string | undefined;
  session_jwt?: string | undefined;
}

/** A brand-new member session in `org`, authenticated by `factors`. */
export async function startMemberSession(
  ctx: ProjectContext,
  member: MemberRecord,
  org: OrganizationRecord,
  factors: FactorRecord[],
  opts: MemberSessionOptions,
): Promise<AuthenticatedMemberSession> {
  const { session_id, session_token, ...fresh } = newSession(ctx, {
    minutes: opts.session_duration_minutes ?? DEFAULT_MEMBER_SESSION_MINUTES,
    claims: opts.session_custom_claims,
  });
  const record: MemberSessionRecord = {
    ...fresh,
    member_session_id: session_id,
    project_id: ctx.project.project_id,
    organization_id: org.organization_id,
    member_id: member.member_id,
    factors,
  };
  await ctx.stores.memberSessions.insert(record);
  return { record, member, organization: org, session_token, session_jwt: await mintMemberSessionJwt(ctx, record, member, org) };
}

/**
 * The session a B2B login answers with: with `session_token`/`session_jwt`, the factor is added to that
 * session (which must be this member's); otherwise a new session, of 60 minutes unless told otherwise.
 */
export function issueMemberSession(ctx: ProjectContext, member: MemberRecord, org: OrganizationRecord, factor: FactorRecord, opts: MemberSessionOptions): Promise<AuthenticatedMemberSession> {
  if (opts.session_token || opts.session_jwt) return authenticateMemberSession(ctx, opts, { factor, memberId: member.member_id });
  return startMemberSession(ctx, member, org, [factor], opts);
}
