/** Shapes shared by several request and response types. */
import type { Envelope, JsonObject } from '@tessera/core';

export type { Envelope, JsonObject };

/** `attributes` of create/update requests. */
export interface Attributes {
  ip_address?: string;
  user_agent?: string;
}

/** Partial name, as requests take it; responses always carry all three parts. */
export interface UsersName {
  first_name?: string;
  middle_name?: string;
  last_name?: string;
}

/** The session fields every password/session-minting request accepts. */
export interface SessionOptions {
  session_token?: string;
  session_jwt?: string;
  /** 5 … 527040; when given, a session is created (or extended) for that long. */
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  telemetry_id?: string;
}

/** What `sessions.authenticateJwtLocal` takes in both clients; `Check` is the client's authorization check. */
export interface AuthenticateJwtLocalRequest<Check> {
  session_jwt: string;
  authorization_check?: Check;
  /** Leeway for `exp`/`nbf`. Default: the client's `clock_tolerance_seconds` (0 unless set). */
  clock_tolerance_seconds?: number;
  /** Refuse (`jwt_too_old`) tokens issued longer ago than this; 0 refuses all. No default, as in `stytch`. */
  max_token_age_seconds?: number;
  /** The time to verify at. Default: now. */
  current_date?: Date;
}

/**
 * What `sessions.authenticateJwt` takes in both clients. A token `authenticateJwtLocal` refuses (too old
 * included; `max_token_age_seconds: 0` skips the local step) is checked by the API instead.
 */
export interface AuthenticateJwtRequest<Check> extends AuthenticateJwtLocalRequest<Check> {
  /** Applied only when the API is asked (local verification never extends a session). */
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
}
