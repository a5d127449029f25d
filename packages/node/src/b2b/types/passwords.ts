/**
 * Request and response types of `b2bClient.passwords` (Stytch's API reference), as the official
 * SDK names them (`stytch/types/lib/b2b/passwords.d.ts`).
 */
import type { Envelope, JsonObject, SessionOptions } from '../../types/common.js';
import type { LUDSRequirements, PasswordsMigrateRequest } from '../../types/passwords.js';
import type { B2BMemberResponse } from './members.js';
import type { B2BMemberLoginResponse } from './sessions.js';

export interface B2BPasswordsAuthenticateRequest extends SessionOptions {
  /** An organization id, slug or external id. */
  organization_id: string;
  email_address: string;
  password: string;
  locale?: 'en' | 'es' | 'pt-br' | 'fr' | (string & {});
  intermediate_session_token?: string;
}

/** Without `session_duration_minutes`, B2B logins create a 60-minute session. */
export interface B2BPasswordsAuthenticateResponse extends B2BMemberLoginResponse {
  organization_id: string;
}

export interface B2BPasswordsStrengthCheckRequest {
  password: string;
  email_address?: string;
}

export type LudsFeedback = LUDSRequirements;

export interface ZxcvbnFeedback {
  warning: string;
  suggestions: string[];
}

export interface B2BPasswordsStrengthCheckResponse extends Envelope {
  valid_password: boolean;
  score: number;
  breached_password: boolean;
  strength_policy: 'zxcvbn' | 'luds' | (string & {});
  breach_detection_on_create: boolean;
  luds_feedback?: LudsFeedback;
  zxcvbn_feedback?: ZxcvbnFeedback;
}

/** The hash fields of the consumer migrate request, with the member's fields. */
export interface B2BPasswordsMigrateRequest
  extends Pick<
    PasswordsMigrateRequest,
    'hash' | 'hash_type' | 'md_5_config' | 'argon_2_config' | 'sha_1_config' | 'sha_512_config' | 'scrypt_config' | 'pbkdf_2_config'
  > {
  organization_id: string;
  email_address: string;
  name?: string;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  roles?: string[];
  preserve_existing_sessions?: boolean;
  mfa_phone_number?: string;
  set_phone_number_verified?: boolean;
  external_id?: string;
}

export interface B2BPasswordsMigrateResponse extends B2BMemberResponse {
  member_created: boolean;
}
