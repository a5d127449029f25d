/**
 * The response bodies B2B endpoints share, built from domain results (stytch `lib/b2b/*.d.ts`).
 *
 * @module
 */
import type { ProjectContext } from '../../../domain/context.js';
import { memberView } from '../../../domain/b2b/members/member-view.js';
import { organizationView } from '../../../domain/b2b/organizations/organization-view.js';
import type { AuthenticatedMemberSession } from '../../../domain/b2b/sessions/authenticate-member-session.js';
import { memberSessionView } from '../../../domain/b2b/sessions/member-session-view.js';
import type { PendingAuthentication } from '../../../domain/b2b/sessions/pending-authentication.js';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';

/** `member_id, member, organization`: members get, create, update, reactivate. */
export function memberResponse(ctx: ProjectContext, r: { member: MemberRecord; organization: OrganizationRecord }) {
  return { member_id: r.member.member_id, member: memberView(r.member, r.organization, ctx.clock()), organization: organizationView(r.organization) };
}

/** `sessions.authenticate`: the session, both tokens, the member, the organization, and the verdict when asked. */
export function memberSessionResponse(ctx: ProjectContext, a: AuthenticatedMemberSession) {
  return {
    member_session: memberSessionView(a.record, a.member, a.organization),
    session_token: a.session_token,
    session_jwt: a.session_jwt,
    ...memberResponse(ctx, a),
    ...(a.verdict ? { verdict: a.verdict } : {}),
  };
}

/**
 * A B2B login (passwords authenticate, sessions exchange): a session with `member_authenticated: true` and an
 * empty `intermediate_session_token`, or, when a step is missing, no session and an intermediate token.
 */
export function memberLoginResponse(ctx: ProjectContext, r: { member: MemberRecord; organization: OrganizationRecord; outcome: AuthenticatedMemberSession | PendingAuthentication }) {
  const base = { ...memberResponse(ctx, r), organization_id: r.organization.organization_id };
  if ('record' in r.outcome) {
    const { member_session, session_token, session_jwt } = memberSessionResponse(ctx, r.outcome);
    return { ...base, member_session, session_token, session_jwt, member_authenticated: true, intermediate_session_token: '', mfa_required: null, primary_required: null };
  }
  return { ...base, member_session: null, session_token: '', session_jwt: '', member_authenticated: false, ...r.outcome };
}
