import type { ProjectContext } from '../../context.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { newMemberRecord } from '../members/create-member.js';
import { createOrganization, type CreateOrganizationInput } from '../organizations/create-organization.js';
import { STYTCH_ADMIN } from '../rbac/default-policy.js';
import { completeMemberLogin, type MemberLogin } from '../sessions/complete-member-login.js';
import { openIntermediateSession } from '../sessions/intermediate-session.js';
import type { MemberSessionOptions } from '../sessions/start-member-session.js';
import { b2bConflictToApiError } from '../conflict.js';

export interface CreateViaDiscoveryInput extends CreateOrganizationInput, Omit<MemberSessionOptions, 'session_token' | 'session_jwt'> {
  intermediate_session_token: string;
}

/**
 * `POST /v1/b2b/discovery/organizations/create`: a new organization (validated and defaulted as
 * `organizations.create`) whose first member is the IST's email address, active, verified and
 * `stytch_admin`; the IST's email factors carry over, and the IST is spent. The answer is a session (60
 * minutes unless told otherwise), or an intermediate session if the new organization's own settings
 * (`mfa_policy: REQUIRED_FOR_ALL`) ask for more. The IST is spent after the organization is created, so a
 * refused request (bad settings, taken slug) leaves it usable.
 */
export async function createOrganizationViaDiscovery(ctx: ProjectContext, input: CreateViaDiscoveryInput): Promise<MemberLogin> {
  await enforceRateLimit(ctx, 'b2b.discovery.organizations.create');
  checkSessionOptions(input);
  const ist = await openIntermediateSession(ctx, input.intermediate_session_token);
  const { intermediate_session_token: _ist, session_duration_minutes, session_custom_claims, ...orgInput } = input;
  const organization = await createOrganization(ctx, orgInput);
  const member = { ...(await newMemberRecord(ctx, organization, { email_address: ist.email, roles: [STYTCH_ADMIN] })), email_address_verified: true };
  await ctx.stores.members.insert(member).catch(b2bConflictToApiError);
  return completeMemberLogin(ctx, { member, organization, factor: null, verifiesEmail: true, ist }, { session_duration_minutes, session_custom_claims });
}
