/**
 * Domain records the stores read and write. Timestamps are epoch milliseconds; JSON columns are parsed.
 * The wire shapes (RFC 3339 strings, Stytch field names) are built from these in `domain/*-view.ts`.
 *
 * @module
 */
import type { Env, JsonObject } from '@tessera/core';

export interface ProjectRecord {
  project_id: string;
  env: Env;
  name: string;
  created_at: number;
}

export interface ProjectCredentials {
  project: ProjectRecord;
  /** base64url SHA-256 of every active secret. */
  secretHashes: string[];
  /** The secrets' ids, in the order of `secretHashes` (which secret authenticated a request, for the audit log). */
  secretIds: string[];
}

export interface SecretRecord {
  secret_id: string;
  project_id: string;
  secret_hash: string;
  last_four: string;
  created_at: number;
}

export interface SigningKeyRecord {
  kid: string;
  project_id: string;
  public_jwk: JsonObject;
  /** Encrypted PKCS#8 (see crypto/master-key.ts). */
  private_key: string;
  created_at: number;
  activates_at: number;
}

export interface EmailRecord {
  email_id: string;
  email: string;
  verified: boolean;
  created_at: number;
}

export interface PhoneRecord {
  phone_id: string;
  phone_number: string;
  verified: boolean;
  created_at: number;
}

export interface PasswordRecord {
  password_id: string;
  /** argon2id PHC, or a migrated hash awaiting upgrade. */
  hash: string;
  requires_reset: boolean;
}

export interface UserRecord {
  user_id: string;
  project_id: string;
  external_id: string | null;
  status: 'active' | 'pending';
  name: { first_name: string; middle_name: string; last_name: string };
  trusted_metadata: JsonObject;
  untrusted_metadata: JsonObject;
  /** Explicitly assigned roles (the implicit `stytch_user` is not stored). */
  roles: string[];
  created_at: number;
  password: PasswordRecord | null;
  failed_attempts: number;
  failed_window_started_at: number | null;
  lock_created_at: number | null;
  lock_expires_at: number | null;
  emails: EmailRecord[];
  phones: PhoneRecord[];
}

/** An authentication factor as stored: wire fields with millisecond timestamps. */
export interface FactorRecord {
  type: string;
  delivery_method: string;
  created_at: number;
  updated_at: number;
  last_authenticated_at: number;
  /** Sub-factor objects keyed by their wire name, e.g. `email_factor`. */
  details?: JsonObject;
}

export interface SessionRecord {
  session_id: string;
  project_id: string;
  user_id: string;
  token_hash: string;
  token_salt: string;
  started_at: number;
  last_accessed_at: number;
  expires_at: number;
  revoked_at: number | null;
  attributes: { ip_address: string; user_agent: string };
  factors: FactorRecord[];
  custom_claims: JsonObject;
  version: number;
}

/** Failed-password bookkeeping shared by users and members (rules in `domain/passwords/lockout.ts`). */
export type LockoutState = Pick<UserRecord, 'failed_attempts' | 'failed_window_started_at' | 'lock_created_at' | 'lock_expires_at'>;
