/**
 * Request and response types of `b2bClient.organizations.members` (Stytch's API reference),
 * as the official SDK names them (`stytch/types/lib/b2b/organizations_members.d.ts`).
 */
import type { Member, Organization } from '@tessera/core';
import type { MethodOptions } from '../../http/method-options.js';
import type { Envelope, JsonObject } from '../../types/common.js';
import type { B2BOrganizationsResultsMetadata, SearchQuery } from './organizations.js';

export type B2BOrganizationsMembersCreateRequestOptions = MethodOptions;
export type B2BOrganizationsMembersUpdateRequestOptions = MethodOptions;
export type B2BOrganizationsMembersDeleteRequestOptions = MethodOptions;
export type B2BOrganizationsMembersReactivateRequestOptions = MethodOptions;
export type B2BOrganizationsMembersSearchRequestOptions = MethodOptions;

/** `member_id`, `member` and its `organization`: what get, create, update and reactivate answer. */
export interface B2BMemberResponse extends Envelope {
  member_id: string;
  member: Member;
  organization: Organization;
}

/** The member fields `create` and `update` both take. */
interface MemberFields {
  name?: string;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  is_breakglass?: boolean;
  mfa_phone_number?: string;
  mfa_enrolled?: boolean;
  /** Roles assigned directly; `stytch_member` is implicit and may not be given. */
  roles?: string[];
  external_id?: string;
}

export interface B2BOrganizationsMembersCreateRequest extends MemberFields {
  organization_id: string;
  email_address: string;
  create_member_as_pending?: boolean;
}

export interface B2BOrganizationsMembersCreateResponse extends B2BMemberResponse {}

/** Exactly one of `member_id` (or the member's external id) and `email_address`. */
export interface B2BOrganizationsMembersGetRequest {
  organization_id: string;
  member_id?: string;
  email_address?: string;
}

export interface B2BOrganizationsMembersGetResponse extends B2BMemberResponse {}

export interface B2BOrganizationsMembersDangerouslyGetRequest {
  member_id: string;
  include_deleted?: boolean;
}

export interface B2BOrganizationsMembersUpdateRequest extends MemberFields {
  organization_id: string;
  member_id: string;
  preserve_existing_sessions?: boolean;
  default_mfa_method?: string;
  email_address?: string;
  unlink_email?: boolean;
}

export interface B2BOrganizationsMembersUpdateResponse extends B2BMemberResponse {}

export interface B2BOrganizationsMembersDeleteRequest {
  organization_id: string;
  member_id: string;
}

export interface B2BOrganizationsMembersDeleteResponse extends Envelope {
  member_id: string;
}

export interface B2BOrganizationsMembersReactivateRequest {
  organization_id: string;
  member_id: string;
}

export interface B2BOrganizationsMembersReactivateResponse extends B2BMemberResponse {}

export interface B2BOrganizationsMembersSearchRequest {
  /** The organizations to search (at least one). */
  organization_ids: string[];
  cursor?: string;
  limit?: number;
  query?: SearchQuery;
}

export interface B2BOrganizationsMembersSearchResponse extends Envelope {
  members: Member[];
  results_metadata: B2BOrganizationsResultsMetadata;
  /** The organizations of the members on this page, by id. */
  organizations: Record<string, Organization>;
}
