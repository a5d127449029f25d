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
