import { rfc3339, type AuthenticationFactor, type Session, type SessionClaim } from '@tessera/core';
import type { FactorRecord, SessionRecord, UserRecord } from '../../store/records.js';
import { userRoles } from '../users/user-view.js';

export function newFactor(type: string, delivery_method: string, now: number, details?: FactorRecord['details']): FactorRecord {
  return { type, delivery_method, created_at: now, updated_at: now, last_authenticated_at: now, ...(details ? { details } : {}) };
}

/** A factor as the API shows it (with created_at/updated_at) or, with `forClaim`, as the JWT carries it. */
export function factorView(f: FactorRecord, forClaim = false): AuthenticationFactor {
  const out: AuthenticationFactor = { type: f.type, delivery_method: f.delivery_method, last_authenticated_at: rfc3339(f.last_authenticated_at) };
  if (!forClaim) {
    out.created_at = rfc3339(f.created_at);
    out.updated_at = rfc3339(f.updated_at);
  }
  if (f.details) Object.assign(out, f.details);
  return out;
}

/** The Stytch Session object. Roles come from the user: `stytch_user` + assigned roles. */
export function sessionView(s: SessionRecord, user: UserRecord): Session {
  return {
    session_id: s.session_id,
    user_id: s.user_id,
    started_at: rfc3339(s.started_at),
    last_accessed_at: rfc3339(s.last_accessed_at),
    expires_at: rfc3339(s.expires_at),
    attributes: s.attributes,
    authentication_factors: s.factors.map((f) => factorView(f)),
    custom_claims: s.custom_claims,
    roles: userRoles(user),
  };
}

/** The `https://stytch.com/session` claim (docs/architecture.md, "Session JWTs"). */
export function sessionClaim(s: SessionRecord, user: UserRecord): SessionClaim {
  return {
    id: s.session_id,
    started_at: rfc3339(s.started_at),
    last_accessed_at: rfc3339(s.last_accessed_at),
    expires_at: rfc3339(s.expires_at),
    attributes: s.attributes,
    authentication_factors: s.factors.map((f) => factorView(f, true)),
    roles: userRoles(user),
  };
}
