import type { MemberRecord, MemberStatus, OrganizationRecord } from '../../../store/b2b-records.js';
import type { MemberPatch } from '../../../store/b2b-stores.js';
import type { FactorRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { AuthenticatedMemberSession } from './authenticate-member-session.js';
import { carriedFactors, openIntermediateSession, spendIntermediateSession, withFactor, type IntermediateSession } from './intermediate-session.js';
import { missingSteps, pendingAuthentication, type PendingAuthentication } from './pending-authentication.js';
import { issueMemberSession, startMemberSession, type MemberSessionOptions } from './start-member-session.js';

export interface MemberLoginInput extends MemberSessionOptions {
  intermediate_session_token?: string | undefined;
}

export interface MemberLogin {
  member: MemberRecord;
  organization: OrganizationRecord;
  outcome: AuthenticatedMemberSession | PendingAuthentication;
}

/**
 * The IST a login request names, opened (not spent) before the login's own check runs, so a bad IST writes
 * nothing; null without one. An IST together with a session token or JWT is refused as Stytch words it
 * ("at most one of session_token, session_jwt, or intermediate_session_token").
 */
export async function loginIntermediateSession(ctx: ProjectContext, input: MemberLoginInput): Promise<IntermediateSession | null> {
  if (input.session_token && input.session_jwt) throw new ApiError('too_many_session_arguments');
  if (!input.intermediate_session_token) return null;
  if (input.session_token || input.session_jwt) throw new ApiError('too_many_session_arguments');
  return openIntermediateSession(ctx, input.intermediate_session_token);
}

/**
 * Refuses, before the login's own token or code is spent, an IST that cannot join a login of `member` in
 * `organization` (another address, or another member of the same organization): 404
 * `intermediate_session_not_found`.
 */
export function checkIntermediateSessionFor(ist: IntermediateSession | null, member: MemberRecord, organization: OrganizationRecord): void {
  if (ist) carriedFactors(ist, member, organization.organization_id);
}

/**
 * Finishes a B2B login once its factor is proven (magic link, email OTP, password, password reset):
 * - with `session_token`/`session_jwt`, the factor is added to that session of the same member (Stytch: "the
 *   Member will not be required to complete an MFA step");
 * - otherwise the factor joins the IST's factors (if any) and, when they satisfy the organization's allowed
 *   methods and MFA policy, a new session starts (60 minutes unless told otherwise) and the IST is spent;
 *   when not, the answer is a new IST with all the factors (`member_authenticated: false`).
 * Without a factor of its own (discovery exchange and create), the IST's factors alone decide.
 * `verifiesEmail` (magic link, email OTP, reset by email) marks the email verified. A pending or invited
 * member becomes active with its first session.
 */
export async function completeMemberLogin(
  ctx: ProjectContext,
  login: { member: MemberRecord; organization: OrganizationRecord; factor: FactorRecord | null; verifiesEmail: boolean; ist: IntermediateSession | null },
  input: MemberSessionOptions,
): Promise<MemberLogin> {
  const { organization, factor, ist } = login;
  let member = login.member;
  const projectId = ctx.project.project_id;
  const now = ctx.clock();
  const update = async (patch: { email_address_verified?: boolean; status?: MemberStatus }) => {
    const changes: MemberPatch = { updated_at: now };
    if (patch.email_address_verified && !member.email_address_verified) changes.email_address_verified = true;
    if (patch.status && member.status !== patch.status) changes.status = patch.status;
    if (Object.keys(changes).length > 1) member = (await ctx.stores.members.update(projectId, member.member_id, changes)) ?? member;
  };
  const verified = login.verifiesEmail ? { email_address_verified: true } : {};

  if (!ist && factor && (input.session_token || input.session_jwt)) {
    const outcome = await issueMemberSession(ctx, member, organization, factor, input);
    await update({ ...verified, status: 'active' });
    return { member, organization, outcome: { ...outcome, member } };
  }
  const carried = ist ? carriedFactors(ist, member, organization.organization_id) : [];
  const factors = factor ? withFactor(carried, factor) : carried;
  const steps = missingSteps(organization, member, factors);
  if (ist) await spendIntermediateSession(ctx, ist);
  if (steps) {
    await update(verified);
    return { member, organization, outcome: await pendingAuthentication(ctx, member, organization, steps, factors) };
  }
  await update({ ...verified, status: 'active' });
  const { session_token: _t, session_jwt: _j, ...opts } = input;
  return { member, organization, outcome: await startMemberSession(ctx, member, organization, factors, opts) };
}
