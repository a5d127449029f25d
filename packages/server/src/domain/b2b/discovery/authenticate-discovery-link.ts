import type { ProjectContext } from '../../context.js';
import { redeemLinkToken } from '../../email/redeem-token.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { newFactor } from '../../sessions/session-view.js';
import { issueIntermediateSession } from '../sessions/intermediate-session.js';
import { discoveredOrganizations } from './discovered-organizations.js';

export interface AuthenticateDiscoveryInput {
  discovery_magic_links_token: string;
  pkce_code_verifier?: string | undefined;
}

/**
 * `POST /v1/b2b/magic_links/discovery/authenticate`: spends a discovery link (PKCE checked first) for an
 * intermediate session bound to no organization, carrying a `magic_link`/`email` factor, and the address's
 * discovered organizations. Unknown token -> 404 `magic_link_not_found`; used or expired -> 401
 * `unable_to_auth_magic_link` (the magic link types; Stytch's discovery-specific types, if any, UNVERIFIED).
 */
export async function authenticateDiscoveryLink(ctx: ProjectContext, input: AuthenticateDiscoveryInput) {
  await enforceRateLimit(ctx, 'b2b.magic_links.discovery.authenticate');
  const token = await redeemLinkToken(
    ctx,
    ['discovery'],
    input.discovery_magic_links_token,
    { notFound: 'magic_link_not_found', unusable: 'unable_to_auth_magic_link' },
    input.pkce_code_verifier,
  );
  const email = token.email;
  // Discovery has no member yet, so the email factor has no email_id (UNVERIFIED: what Stytch puts there).
  const factors = [newFactor('magic_link', 'email', ctx.clock(), { email_factor: { email_id: '', email_address: email } })];
  const ist = await issueIntermediateSession(ctx, { email, member_id: null, organization_id: null, factors });
  return { ...ist, email_address: email, discovered_organizations: await discoveredOrganizations(ctx, email, factors) };
}
