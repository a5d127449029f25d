/**
 * Request and response types of `b2bClient.sessions` (Stytch's API reference), as the
 * official SDK names them (`stytch/types/lib/b2b/sessions.d.ts`).
 */
import type { Member, MemberSession, Organization } from '@tessera/core';
import type { MethodOptions } from '../../http/method-options.js';
import type { AuthenticateJwtLocalRequest, AuthenticateJwtRequest, Envelope, JsonObject, SessionOptions } from '../../types/common.js';
import type { SessionsGetJWKSRequest, SessionsGetJWKSResponse } from '../../types/sessions.js';

export type B2BSessionsRevokeRequestOptions = MethodOptions;

/** May the member do `action` on `resource_id` in `organization_id` (which must be the session's)? */
export interface AuthorizationCheck {
  organization_id: string;
  resource_id: string;
  action: string;
}

export interface AuthorizationVerdict {
  authorized: boolean;
  granting_roles: string[];
}

export interface PrimaryRequired {
  allowed_auth_methods: string[];
}

export interface MemberOptions {
  mfa_phone_number: string;
  totp_registration_id: string;
}

export interface MfaRequired {
  member_options?: MemberOptions | null;
  secondary_auth_initiated?: string | null;
}

/**
 * What a B2B login (passwords authenticate, sessions exchange) answers: a session and
 * `member_authenticated: true`, or, when the organization requires another step, no session,
 * `member_authenticated: false` and an `intermediate_session_token`.
 */
export interface B2BMemberLoginResponse extends Envelope {
  member_id: string;
  session_token: string;
  session_jwt: string;
  member: Member;
  organization: Organization;
  member_authenticated: boolean;
  intermediate_session_token: string;
  member_session?: MemberSession | null;
  mfa_required?: MfaRequired | null;
  primary_required?: PrimaryRequired | null;
  member_device?: JsonObject | null;
  intermediate_session_token_expires_at?: string;
}

export interface B2BSessionsAuthenticateRequest {
  session_token?: string;
  session_jwt?: string;
  /** Extends the session to this many minutes from now; without it the session is not extended. */
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  authorization_check?: AuthorizationCheck;
}

export interface B2BSessionsAuthenticateResponse extends Envelope {
  member_session: MemberSession;
  session_token: string;
  session_jwt: string;
  member: Member;
  organization: Organization;
  verdict?: AuthorizationVerdict;
}

export interface B2BSessionsGetRequest {
  organization_id: string;
  member_id: string;
}

export interface B2BSessionsGetResponse extends Envelope {
  member_sessions: MemberSession[];
}

/** One of `member_session_id`, `session_token`, `session_jwt`, or `member_id` (every session of the member). */
export interface B2BSessionsRevokeRequest {
  member_session_id?: string;
  session_token?: string;
  session_jwt?: string;
  member_id?: string;
}

export interface B2BSessionsRevokeResponse extends Envelope {}

export interface B2BSessionsExchangeRequest extends SessionOptions {
  /** The organization to switch into: id, slug or external id. */
  organization_id: string;
  locale?: 'en' | 'es' | 'pt-br' | 'fr' | (string & {});
}

export interface B2BSessionsExchangeResponse extends B2BMemberLoginResponse {}

export type B2BSessionsGetJWKSRequest = SessionsGetJWKSRequest;
export type B2BSessionsGetJWKSResponse = SessionsGetJWKSResponse;

export interface B2BSessionsAuthenticateJwtRequest extends AuthenticateJwtRequest<AuthorizationCheck> {}

/**
 * Verified locally: `{ member_session, session_jwt }` only. Verified by the API (local verification
 * failed): the whole `sessions.authenticate` response, whose `session_jwt` is a fresh token. The official
 * SDK declares only the first shape but returns both; this type says so.
 */
export type B2BSessionsAuthenticateJwtResponse =
  | { member_session: MemberSession; session_jwt: string }
  | B2BSessionsAuthenticateResponse;

export interface B2BSessionsAuthenticateJwtLocalRequest extends AuthenticateJwtLocalRequest<AuthorizationCheck> {}
