/**
 * Wire shapes of the Stytch consumer API as Tessera serves them (Stytch's API reference).
 * Shared by the server (which builds them) and the SDKs (which return them).
 *
 * @module
 */

export type JsonObject = { [key: string]: unknown };

export interface SessionAttributes {
  ip_address: string;
  user_agent: string;
}

export interface EmailFactor {
  email_id: string;
  email_address: string;
}

export interface PhoneNumberFactor {
  phone_id: string;
  phone_number: string;
}

/** One authentication factor of a session. `created_at`/`updated_at` are absent inside the JWT claim. */
export interface AuthenticationFactor {
  type: string;
  delivery_method: string;
  last_authenticated_at: string;
  created_at?: string;
  updated_at?: string;
  email_factor?: EmailFactor;
  phone_number_factor?: PhoneNumberFactor;
  [subFactor: string]: unknown;
}

export interface Session {
  session_id: string;
  user_id: string;
  started_at: string;
  last_accessed_at: string;
  expires_at: string;
  attributes: SessionAttributes;
  authentication_factors: AuthenticationFactor[];
  custom_claims: JsonObject;
  roles: string[];
}

export interface UserEmail {
  email_id: string;
  email: string;
  verified: boolean;
}

export interface UserPhoneNumber {
  phone_id: string;
  phone_number: string;
  verified: boolean;
}

export interface UserName {
  first_name: string;
  middle_name: string;
  last_name: string;
}

export interface UserPassword {
  password_id: string;
  requires_reset: boolean;
}

export interface User {
  user_id: string;
  emails: UserEmail[];
  status: 'active' | 'pending';
  phone_numbers: UserPhoneNumber[];
  webauthn_registrations: unknown[];
  providers: unknown[];
  totps: unknown[];
  crypto_wallets: unknown[];
  biometric_registrations: unknown[];
  is_locked: boolean;
  roles: string[];
  name: UserName;
  created_at: string;
  password: UserPassword | null;
  trusted_metadata: JsonObject;
  untrusted_metadata: JsonObject;
  external_id: string | null;
  lock_created_at: string | null;
  lock_expires_at: string | null;
}

/**
 * A public signing key as served by `GET /v1/sessions/jwks/{project_id}`. Stytch serves RSA keys only (RS256,
 * the default); a Tessera project may opt into ES256 (P-256) or EdDSA (Ed25519) keys, published with `alg`.
 */
export type Jwk = RsaJwk | EcJwk | OkpJwk;

interface JwkCommon {
  use: 'sig';
  key_ops: ['verify'];
  kid: string;
}

export interface RsaJwk extends JwkCommon {
  kty: 'RSA';
  alg: 'RS256';
  n: string;
  e: string;
  x5c: string[];
  x5tS256: string;
}

export interface EcJwk extends JwkCommon {
  kty: 'EC';
  alg: 'ES256';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface OkpJwk extends JwkCommon {
  kty: 'OKP';
  alg: 'EdDSA';
  crv: 'Ed25519';
  x: string;
}

/** Which LUDS properties a password has (`passwords.strength_check` feedback). */
export interface LUDSRequirements {
  has_lower_case: boolean;
  has_upper_case: boolean;
  has_digit: boolean;
  has_symbol: boolean;
  missing_complexity: number;
  missing_characters: number;
}

/** Fields every successful backend response carries. */
export interface Envelope {
  status_code: number;
  request_id: string;
}
