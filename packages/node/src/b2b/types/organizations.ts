/**
 * Request and response types of `b2bClient.organizations` (Stytch's API reference), as the
 * official SDK names them (`stytch/types/lib/b2b/organizations.d.ts`).
 */
import type { EmailImplicitRoleAssignment, Organization } from '@tessera/core';
import type { MethodOptions } from '../../http/method-options.js';
import type { Envelope, JsonObject } from '../../types/common.js';

export type B2BOrganizationsUpdateRequestOptions = MethodOptions;
export type B2BOrganizationsDeleteRequestOptions = MethodOptions;

/** `ALL_ALLOWED`, `RESTRICTED` or `NOT_ALLOWED` (`mfa_policy`: `OPTIONAL` or `REQUIRED_FOR_ALL`). */
type Setting = 'ALL_ALLOWED' | 'RESTRICTED' | 'NOT_ALLOWED' | (string & {});

/** The settings `create` and `update` both take. */
interface OrganizationSettings {
  organization_slug?: string;
  organization_logo_url?: string;
  trusted_metadata?: JsonObject;
  organization_external_id?: string;
  sso_jit_provisioning?: Setting;
  email_allowed_domains?: string[];
  email_jit_provisioning?: Setting;
  email_invites?: Setting;
  auth_methods?: Setting;
  allowed_auth_methods?: string[];
  mfa_policy?: 'OPTIONAL' | 'REQUIRED_FOR_ALL' | (string & {});
  rbac_email_implicit_role_assignments?: EmailImplicitRoleAssignment[];
  mfa_methods?: Setting;
  allowed_mfa_methods?: string[];
  oauth_tenant_jit_provisioning?: Setting;
  allowed_oauth_tenants?: JsonObject;
  claimed_email_domains?: string[];
  first_party_connected_apps_allowed_type?: Setting;
  allowed_first_party_connected_apps?: string[];
  third_party_connected_apps_allowed_type?: Setting;
  allowed_third_party_connected_apps?: string[];
}

export interface B2BOrganizationsCreateRequest extends OrganizationSettings {
  organization_name: string;
}

export interface B2BOrganizationsCreateResponse extends Envelope {
  organization: Organization;
}

export interface B2BOrganizationsGetRequest {
  /** An organization id, slug or external id. */
  organization_id: string;
}

export interface B2BOrganizationsGetResponse extends Envelope {
  organization: Organization;
}

export interface B2BOrganizationsUpdateRequest extends OrganizationSettings {
  organization_id: string;
  organization_name?: string;
  sso_default_connection_id?: string;
  sso_jit_provisioning_allowed_connections?: string[];
}

export interface B2BOrganizationsUpdateResponse extends Envelope {
  organization: Organization;
}

export interface B2BOrganizationsDeleteRequest {
  organization_id: string;
}

export interface B2BOrganizationsDeleteResponse extends Envelope {
  organization_id: string;
}

export interface B2BOrganizationsMetricsRequest {
  organization_id: string;
}

export interface B2BOrganizationsMetricsResponse extends Envelope {
  member_count: number;
}

export type OrganizationSearchOperand =
  | { filter_name: 'organization_ids' | 'organization_slugs' | 'member_emails' | 'allowed_domains' | 'claimed_email_domains'; filter_value: string[] }
  | {
      filter_name: 'organization_name_fuzzy' | 'organization_slug_fuzzy' | 'member_email_fuzzy' | 'allowed_domain_fuzzy' | 'sso_connection_id';
      filter_value: string;
    }
  | { filter_name: 'has_active_sso_connection'; filter_value: boolean };

export type MemberSearchOperand =
  | { filter_name: 'member_ids' | 'member_emails' | 'statuses' | 'member_phone_numbers' | 'member_roles'; filter_value: string[] }
  | { filter_name: 'member_email_fuzzy' | 'member_phone_number_fuzzy'; filter_value: string }
  | { filter_name: 'member_is_breakglass' | 'member_password_exists'; filter_value: boolean };

export type SearchQueryOperand = OrganizationSearchOperand | MemberSearchOperand | { filter_name: string; [key: string]: unknown };

export interface SearchQuery {
  operator: 'OR' | 'AND' | (string & {});
  operands: SearchQueryOperand[];
}

export interface B2BOrganizationsResultsMetadata {
  total: number;
  /** `null` on the last page. */
  next_cursor?: string | null;
}

export interface B2BOrganizationsSearchRequest {
  cursor?: string;
  /** Default 100, at most 1000. */
  limit?: number;
  query?: SearchQuery;
}

export interface B2BOrganizationsSearchResponse extends Envelope {
  organizations: Organization[];
  results_metadata: B2BOrganizationsResultsMetadata;
}
