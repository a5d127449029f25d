import type { JsonObject } from '@tessera/core';
import { deriveSessionToken } from '../../../crypto/session-token.js';
import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { FactorRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { sessionKeyFrom } from '../../sessions/session-key.js';
import { sessionTouch } from '../../sessions/session-touch.js';
import { touchLiveSession } from '../../sessions/touch-live-session.js';
import { parseAuthorizationCheck, verdictFor, type Verdict } from './authorization-check.js';
import { mintMemberSessionJwt } from './mint-member-jwt.js';
import { sessionSubject } from './session-subject.js';

export interface AuthenticateMemberInput {
  session_token?: string | undefined;
  session_jwt?: string | undefined;
  session_duration_minutes?: number | undefined;
  session_custom_claims?: JsonObject | null | undefined;
  authorization_check?: unknown;
}

export interface AuthenticatedMemberSession {
  record: MemberSessionRecord;
  member: MemberRecord;
  organization: OrganizationRecord;
  session_token: string;
  session_jwt: string;
  verdict?: Verdict;
}

/**
 * `POST /v1/b2b/sessions/authenticate`: authenticates a live member session by token or JWT and touches it
 * as the consumer authenticate does; without `session_duration_minutes` the session is not extended.
 * An `authorization_check` is decided before anything is written (403 leaves the session untouched).
 * Answers with the opaque token (re-derived from a JWT) and a fresh JWT.
 */
export async function authenticateMemberSession(
  ctx: ProjectContext,
  input: AuthenticateMemberInput,
  addFactor?: { factor: FactorRecord; memberId: string },
): Promise<AuthenticatedMemberSession> {
  const touch = sessionTouch(ctx.clock(), input, addFactor && { factor: addFactor.factor, subjectId: addFactor.memberId });
  const check = parseAuthorizationCheck(input.authorization_check);
  const resolved = await sessionKeyFrom(ctx, input);
  let verdict: Verdict | undefined;
  let checked: Awaited<ReturnType<typeof sessionSubject>> | undefined;
  let current: MemberSessionRecord | undefined;
  if (check) {
    current = (await ctx.stores.memberSessions.getLive(ctx.project.project_id, resolved.key, touch.now)) ?? undefined;
    if (!current) throw new ApiError('session_not_found');
    checked = await sessionSubject(ctx, current);
    verdict = await verdictFor(ctx, checked.member, checked.organization, check);
  }
  // A plain touch after a check reuses the session the check read (one read per authenticate either way).
  const record = await touchLiveSession(
    ctx.project.project_id,
    ctx.stores.memberSessions,
    { idOf: (s) => s.member_session_id, subjectOf: (s) => s.member_id },
    resolved,
    touch,
    current,
  );
  // A session's member and organization never change, so the ones the check loaded are still the ones.
  const { member, organization } = checked ?? (await sessionSubject(ctx, record));
  return {
    record,
    member,
    organization,
    session_token: resolved.token ?? deriveSessionToken(ctx.tokenKey, record.member_session_id, record.token_salt),
    session_jwt: await mintMemberSessionJwt(ctx, record, member, organization),
    ...(verdict ? { verdict } : {}),
  };
}
