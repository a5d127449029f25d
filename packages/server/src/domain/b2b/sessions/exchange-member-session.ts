import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { getOrganization } from '../organizations/get-organization.js';
import type { AuthenticatedMemberSession } from './authenticate-member-session.js';
import { liveMemberSession } from './live-member-session.js';
import { missingSteps, pendingAuthentication, type PendingAuthentication } from './pending-authentication.js';
import { sessionSubject } from './session-subject.js';
import { startMemberSession, type MemberSessionOptions } from './start-member-session.js';

export interface ExchangeInput extends MemberSessionOptions {
  organization_id: string;
}

/**
 * `POST /v1/b2b/sessions/exchange`: a member's live session for a session in another organization where
 * the same person (same email address) is a member. The new session carries the current session's factors;
 * when they do not satisfy the target organization's allowed methods or MFA policy, the answer is an
 * intermediate session instead (see pending-authentication.ts). An invited or pending target member becomes
 * active, as accepting an invite does. The current session stays live (UNVERIFIED: Stytch does not say it
 * revokes it; clients switch by replacing their cookies).
 */
export async function exchangeMemberSession(ctx: ProjectContext, input: ExchangeInput): Promise<{ member: MemberRecord; organization: OrganizationRecord; outcome: AuthenticatedMemberSession | PendingAuthentication }> {
  checkSessionOptions(input);
  const organization = await getOrganization(ctx, input.organization_id);
  const current = await liveMemberSession(ctx, input);
  const { member: from } = await sessionSubject(ctx, current);
  let member = await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, from.email_address);
  if (!member) throw new ApiError('member_not_found', `${from.email_address} is not a member of organization ${organization.organization_id}.`);
  const steps = missingSteps(organization, member, current.factors);
  if (steps) return { member, organization, outcome: await pendingAuthentication(ctx, member, organization, steps, current.factors) };
  if (member.status === 'invited' || member.status === 'pending') {
    member = (await ctx.stores.members.update(ctx.project.project_id, member.member_id, { status: 'active', updated_at: ctx.clock() })) ?? member;
  }
  const { session_token: _t, session_jwt: _j, ...opts } = input;
  return { member, organization, outcome: await startMemberSession(ctx, member, organization, current.factors, opts) };
}
