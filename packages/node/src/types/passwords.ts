/** Request and response types of `client.passwords` (Stytch's API reference), as the official SDK names them. */
import type { LUDSRequirements, Session, User } from '@tessera/core';
import type { Envelope, JsonObject, SessionOptions, UsersName } from './common.js';

/** What every session-minting password call returns. Without `session_duration_minutes`, tokens are `""`. */
interface SessionResult extends Envelope {
  user_id: string;
  session_token: string;
  session_jwt: string;
  user: User;
  session?: Session | null;
  user_device?: JsonObject | null;
}

export interface PasswordsCreateRequest {
  email: string;
  password: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  name?: UsersName;
  telemetry_id?: string;
}

export interface PasswordsCreateResponse extends SessionResult {
  email_id: string;
}

export interface PasswordsAuthenticateRequest extends SessionOptions {
  email: string;
  password: string;
}

export interface PasswordsAuthenticateResponse extends SessionResult {}

export interface PasswordsStrengthCheckRequest {
  password: string;
  email?: string;
}

export type { LUDSRequirements };

export interface Feedback {
  warning: string;
  suggestions: string[];
  luds_requirements?: LUDSRequirements;
}

export interface PasswordsStrengthCheckResponse extends Envelope {
  valid_password: boolean;
  score: number;
  breached_password: boolean;
  strength_policy: 'zxcvbn' | 'luds' | (string & {});
  breach_detection_on_create: boolean;
  feedback?: Feedback;
}

export interface MD5Config {
  prepend_salt: string;
  append_salt: string;
}
export type SHA1Config = MD5Config;
export type SHA512Config = MD5Config;

export interface Argon2Config {
  salt: string;
  iteration_amount: number;
  memory: number;
  threads: number;
  key_length: number;
}

export interface ScryptConfig {
  salt: string;
  n_parameter: number;
  r_parameter: number;
  p_parameter: number;
  key_length: number;
}

export interface PBKDF2Config {
  salt: string;
  iteration_amount: number;
  key_length: number;
  algorithm: string;
}

export interface PasswordsMigrateRequest {
  email: string;
  hash: string;
  hash_type: 'bcrypt' | 'md_5' | 'argon_2i' | 'argon_2id' | 'sha_1' | 'sha_512' | 'scrypt' | 'phpass' | 'pbkdf_2' | (string & {});
  md_5_config?: MD5Config;
  argon_2_config?: Argon2Config;
  sha_1_config?: SHA1Config;
  sha_512_config?: SHA512Config;
  scrypt_config?: ScryptConfig;
  pbkdf_2_config?: PBKDF2Config;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  set_email_verified?: boolean;
  name?: UsersName;
  phone_number?: string;
  set_phone_number_verified?: boolean;
  external_id?: string;
  roles?: string[];
}

export interface PasswordsMigrateResponse extends Envelope {
  user_id: string;
  email_id: string;
  user_created: boolean;
  user: User;
}

export interface PasswordsExistingPasswordResetRequest extends SessionOptions {
  email: string;
  existing_password: string;
  new_password: string;
}

export interface PasswordsExistingPasswordResetResponse extends SessionResult {}

export interface PasswordsSessionResetRequest extends SessionOptions {
  password: string;
}

export interface PasswordsSessionResetResponse extends SessionResult {}
