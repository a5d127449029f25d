/** Request and response types of `client.users` (Stytch's API reference), as the official SDK names them. */
import type { User } from '@tessera/core';
import type { Attributes, Envelope, JsonObject, UsersName } from './common.js';

export interface UsersCreateRequest {
  email?: string;
  phone_number?: string;
  name?: UsersName;
  attributes?: Attributes;
  create_user_as_pending?: boolean;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  external_id?: string;
  roles?: string[];
}

export interface UsersCreateResponse extends Envelope {
  user_id: string;
  email_id: string;
  phone_id: string;
  status: string;
  user: User;
}

export interface UsersGetRequest {
  /** A user id, or the user's `external_id`. */
  user_id: string;
}

/** The user's fields, flattened at the top level (not under `user`), as the API returns them. */
export interface UsersGetResponse extends User, Envelope {}

export interface UsersUpdateRequest {
  user_id: string;
  name?: UsersName;
  attributes?: Attributes;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  external_id?: string;
  roles?: string[];
}

export interface UsersUpdateResponse extends Envelope {
  user_id: string;
  emails: User['emails'];
  phone_numbers: User['phone_numbers'];
  crypto_wallets: User['crypto_wallets'];
  user: User;
}

export interface UsersDeleteRequest {
  user_id: string;
}

export interface UsersDeleteResponse extends Envelope {
  user_id: string;
}

export type SearchUsersQueryOperand =
  | { filter_name: 'created_at_greater_than' | 'created_at_less_than'; filter_value: string }
  | { filter_name: 'created_at_between'; filter_value: { greater_than: string; less_than: string } }
  | { filter_name: 'status'; filter_value: 'active' | 'pending' }
  | {
      filter_name:
        | 'oauth_provider'
        | 'user_id'
        | 'phone_number'
        | 'phone_id'
        | 'email_address'
        | 'email_id'
        | 'webauthn_registration_id'
        | 'crypto_wallet_id'
        | 'crypto_wallet_address'
        | 'totp_id';
      filter_value: string[];
    }
  | { filter_name: 'full_name_fuzzy' | 'phone_number_fuzzy' | 'email_address_fuzzy'; filter_value: string }
  | {
      filter_name:
        | 'phone_verified'
        | 'email_verified'
        | 'webauthn_registration_verified'
        | 'crypto_wallet_verified'
        | 'totp_verified'
        | 'password_exists';
      filter_value: boolean;
    }
  | { filter_name: string; [key: string]: unknown };

export interface SearchUsersQuery {
  operator: 'OR' | 'AND' | (string & {});
  operands: SearchUsersQueryOperand[];
}

export interface UsersSearchRequest {
  cursor?: string;
  /** Default 100, at most 1000. */
  limit?: number;
  query?: SearchUsersQuery;
}

export interface UsersResultsMetadata {
  total: number;
  next_cursor?: string | null;
}

export interface UsersSearchResponse extends Envelope {
  results: User[];
  results_metadata: UsersResultsMetadata;
}
