/**
 * The `MemberSession` the official SDK's B2B `authenticateJwtLocal` builds from a verified member session
 * JWT (`stytch/dist/b2b/sessions.js`, Stytch's API reference): the consumer session fields without
 * `attributes`, `member_id` from `sub`, the organization from the `https://stytch.com/organization` claim,
 * and custom claims without that claim.
 *
 * @module
 */
import type { OrganizationClaim, MemberSession } from '../b2b-wire.js';
import { ORGANIZATION_CLAIM, SESSION_CLAIM, type SessionJwtPayload } from '../jwt/claims.js';
import { ClientError } from './client-error.js';
import { customClaims, isoMs } from './session-from-claims.js';

/**
 * @throws ClientError `jwt_invalid` when the organization claim is missing or malformed (the official SDK
 * fails there with a `TypeError`; either way `authenticateJwt` falls back to the API).
 */
export function memberSessionFromClaims(payload: SessionJwtPayload): MemberSession {
  const org = organizationClaim(payload);
  const claim = payload[SESSION_CLAIM];
  return {
    member_session_id: claim.id,
    member_id: payload.sub,
    organization_id: org.organization_id,
    authentication_factors: claim.authentication_factors,
    started_at: claim.started_at,
    last_accessed_at: claim.last_accessed_at,
    expires_at: isoMs(claim.expires_at, payload.exp),
    custom_claims: customClaims(payload, ORGANIZATION_CLAIM),
    roles: claim.roles,
    organization_slug: org.slug,
  };
}

function organizationClaim(payload: SessionJwtPayload): OrganizationClaim {
  const org = payload[ORGANIZATION_CLAIM] as Partial<OrganizationClaim> | null | undefined;
  if (typeof org !== 'object' || org === null || typeof org.organization_id !== 'string') {
    throw new ClientError('jwt_invalid', `JWT was missing the ${ORGANIZATION_CLAIM} claim`);
  }
  return org as OrganizationClaim;
}
