import type { ProjectContext } from '../../context.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { ApiError } from '../../errors.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { newMemberRecord } from '../members/create-member.js';
import { checkJitByEmail, emailDomain, insertJoiningMember } from '../members/email-login-member.js';
import { getOrganization } from '../organizations/get-organization.js';
import { completeMemberLogin, type MemberLogin } from '../sessions/complete-member-login.js';
import { openIntermediateSession } from '../sessions/intermediate-session.js';
import type { MemberSessionOptions } from '../sessions/start-member-session.js';
import { hasVerifiedMemberOnDomain } from './discovered-organizations.js';

export interface ExchangeIntermediateSessionInput extends Omit<MemberSessionOptions, 'session_token' | 'session_jwt'> {
  intermediate_session_token: string;
  organization_id: string;
}

/**
 * `POST /v1/b2b/discovery/intermediate_sessions/exchange`: the IST's address logs in to `organization_id`.
 * An existing member (an invited or pending one becomes active); otherwise, when the IST proves the email
 * (magic link or email OTP) and the organization allows JIT provisioning by that domain (with a verified
 * member on it, as discovery lists it), a new member joins. Refusals: 403 `email_jit_provisioning_not_allowed`
 * / `invalid_email_for_jit_provisioning`. The IST's factors (only its email factors for another
 * organization than its own) decide between a session and a new IST (`member_authenticated: false`); the
 * IST is spent either way.
 */
export async function exchangeIntermediateSession(ctx: ProjectContext, input: ExchangeIntermediateSessionInput): Promise<MemberLogin> {
  await enforceRateLimit(ctx, 'b2b.discovery.intermediate_sessions.exchange');
  checkSessionOptions(input);
  const ist = await openIntermediateSession(ctx, input.intermediate_session_token);
  const organization = await getOrganization(ctx, input.organization_id);
  const emailProven = ist.factors.some((f) => f.type === 'magic_link' || f.type === 'email_otp');
  let member = await ctx.stores.members.byEmail(ctx.project.project_id, organization.organization_id, ist.email);
  if (!member) {
    checkJitByEmail(organization, ist.email);
    if (!emailProven || !(await hasVerifiedMemberOnDomain(ctx, organization, emailDomain(ist.email)))) throw new ApiError('invalid_email_for_jit_provisioning');
    member = await insertJoiningMember(ctx, await newMemberRecord(ctx, organization, { email_address: ist.email, create_member_as_pending: true }));
  }
  const { intermediate_session_token: _ist, organization_id: _org, ...opts } = input;
  return completeMemberLogin(ctx, { member, organization, factor: null, verifiesEmail: emailProven, ist }, opts);
}
