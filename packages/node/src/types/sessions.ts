/** Request and response types of `client.sessions` (Stytch's API reference), as the official SDK names them. */
import type { Jwk, Session, User } from '@tessera/core';
import type { AuthenticateJwtLocalRequest, AuthenticateJwtRequest, Envelope, JsonObject } from './common.js';

export interface SessionsAuthorizationCheck {
  resource_id: string;
  action: string;
}

export interface SessionsAuthorizationVerdict {
  authorized: boolean;
  granting_roles: string[];
}

export interface SessionsAuthenticateRequest {
  session_token?: string;
  session_jwt?: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  authorization_check?: SessionsAuthorizationCheck;
}

export interface SessionsAuthenticateResponse extends Envelope {
  session: Session;
  session_token: string;
  session_jwt: string;
  user: User;
  verdict?: SessionsAuthorizationVerdict;
}

export interface SessionsGetRequest {
  user_id: string;
}

export interface SessionsGetResponse extends Envelope {
  sessions: Session[];
}

export interface SessionsRevokeRequest {
  session_id?: string;
  session_token?: string;
  session_jwt?: string;
}

export interface SessionsRevokeResponse extends Envelope {}

export interface SessionsGetJWKSRequest {
  project_id: string;
}

export interface SessionsGetJWKSResponse extends Envelope {
  keys: Jwk[];
}

export interface SessionsAuthenticateJwtRequest extends AuthenticateJwtRequest<SessionsAuthorizationCheck> {}

/**
 * Verified locally: `{ session, session_jwt }` only. Verified by the API (local verification failed):
 * the whole `sessions.authenticate` response, whose `session_jwt` is a fresh token. The official SDK
 * declares only the first shape but returns both; this type says so.
 */
export type SessionsAuthenticateJwtResponse =
  | { session: Session; session_jwt: string }
  | SessionsAuthenticateResponse;

export interface SessionsAuthenticateJwtLocalRequest extends AuthenticateJwtLocalRequest<SessionsAuthorizationCheck> {}
