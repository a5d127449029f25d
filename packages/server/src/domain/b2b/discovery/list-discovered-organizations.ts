import type { ProjectContext } from '../../context.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { ApiError } from '../../errors.js';
import { liveMemberSession } from '../sessions/live-member-session.js';
import { openIntermediateSession } from '../sessions/intermediate-session.js';
import { sessionSubject } from '../sessions/session-subject.js';
import { discoveredOrganizations } from './discovered-organizations.js';

export interface ListDiscoveredInput {
  intermediate_session_token?: string | undefined;
  session_token?: string | undefined;
  session_jwt?: string | undefined;
}

/**
 * `POST /v1/b2b/discovery/organizations`: the discovered organizations of the address an intermediate
 * session (not spent: listing changes nothing) or a member session names. Exactly one credential
 * (`too_many_session_arguments` / `no_session_arguments` otherwise). `organization_id_hint` is the IST's
 * organization, null for discovery ISTs and sessions.
 */
export async function listDiscoveredOrganizations(ctx: ProjectContext, input: ListDiscoveredInput) {
  await enforceRateLimit(ctx, 'b2b.discovery.organizations');
  const given = [input.intermediate_session_token, input.session_token, input.session_jwt].filter(Boolean).length;
  if (given > 1) throw new ApiError('too_many_session_arguments');
  if (given === 0) throw new ApiError('no_session_arguments');
  if (input.intermediate_session_token) {
    const ist = await openIntermediateSession(ctx, input.intermediate_session_token);
    return { email_address: ist.email, discovered_organizations: await discoveredOrganizations(ctx, ist.email, ist.factors), organization_id_hint: ist.organization_id };
  }
  const session = await liveMemberSession(ctx, input);
  const { member } = await sessionSubject(ctx, session);
  // A session's factors prove its own organization's login; elsewhere only the email factors count.
  const factors = session.factors.filter((f) => f.type === 'magic_link' || f.type === 'email_otp');
  return { email_address: member.email_address, discovered_organizations: await discoveredOrganizations(ctx, member.email_address, factors), organization_id_hint: null };
}
