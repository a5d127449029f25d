/**
 * The session-JWT claim layout of Stytch (Stytch's API reference), built by the server and
 * read back by the SDKs' local verification.
 *
 * @module
 */
import type { AuthenticationFactor, JsonObject, SessionAttributes } from '../wire.js';

export const SESSION_CLAIM = 'https://stytch.com/session';
export const ORGANIZATION_CLAIM = 'https://stytch.com/organization';

/** Registered claims a custom claim may not overwrite; they are ignored in `session_custom_claims`. */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

/** Session JWTs live five minutes, whatever the session's own duration. */
export const SESSION_JWT_TTL_SECONDS = 300;

/** The value of the `https://stytch.com/session` claim. */
export interface SessionClaim {
  id: string;
  started_at: string;
  last_accessed_at: string;
  expires_at: string;
  attributes: SessionAttributes;
  authentication_factors: AuthenticationFactor[];
  roles: string[];
}

export interface SessionJwtPayload extends JsonObject {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  nbf: number;
  sub: string;
  [SESSION_CLAIM]: SessionClaim;
}

export function issuerFor(projectId: string): string {
  return `stytch.com/${projectId}`;
}

/** Drops the API-only fields (`created_at`, `updated_at`) from a factor, as the JWT claim does. */
export function factorForClaim(f: AuthenticationFactor): AuthenticationFactor {
  const { created_at: _c, updated_at: _u, ...rest } = f;
  return rest as AuthenticationFactor;
}

/**
 * Builds the payload of a session JWT. `extra` carries further top-level claims (custom claims, and the
 * organization claim in B2B); reserved registered claims in it never override the ones set here.
 */
export function buildSessionJwtPayload(input: {
  projectId: string;
  subject: string;
  nowSeconds: number;
  claim: SessionClaim;
  extra?: JsonObject;
}): SessionJwtPayload {
  const { projectId, subject, nowSeconds, claim, extra } = input;
  const registered: SessionJwtPayload = {
    aud: [projectId],
    exp: nowSeconds + SESSION_JWT_TTL_SECONDS,
    iat: nowSeconds,
    iss: issuerFor(projectId),
    nbf: nowSeconds,
    sub: subject,
    [SESSION_CLAIM]: claim,
  };
  // Most sessions have no custom claims: the literal as it is (every authenticate builds one).
  if (!extra || !hasKeys(extra)) return registered;
  const payload: JsonObject = {};
  for (const [k, v] of Object.entries(extra)) if (!RESERVED_CLAIMS.has(k)) payload[k] = v;
  return Object.assign(payload, registered) as SessionJwtPayload;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
