/**
 * B2B domain records: organizations, members, member sessions and the RBAC policy. Timestamps are epoch
 * milliseconds; JSON columns are parsed. The wire shapes are built in `domain/b2b/**` views.
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';
import type { LockoutState, PasswordRecord, SessionRecord } from './records.js';

export interface RbacPermission {
  resource_id: string;
  actions: string[];
}

export interface RbacRole {
  role_id: string;
  description: string;
  permissions: RbacPermission[];
}

export interface RbacResource {
  resource_id: string;
  description: string;
  actions: string[];
}

export interface RbacScope {
  scope: string;
  description: string;
  permissions: RbacPermission[];
}

/** A project's RBAC policy (Stytch's `Policy` object). */
export interface RbacPolicy {
  roles: RbacRole[];
  resources: RbacResource[];
  scopes: RbacScope[];
}

export interface EmailImplicitRoleAssignment {
  domain: string;
  role_id: string;
}

/** The organization's authentication settings, as Stytch names them. */
export interface OrganizationSettings {
  sso_jit_provisioning: string;
  sso_jit_provisioning_allowed_connections: string[];
  sso_default_connection_id: string | null;
  email_jit_provisioning: string;
  email_invites: string;
  auth_methods: string;
  allowed_auth_methods: string[];
  mfa_policy: string;
  mfa_methods: string;
  allowed_mfa_methods: string[];
  rbac_email_implicit_role_assignments: EmailImplicitRoleAssignment[];
  oauth_tenant_jit_provisioning: string;
  allowed_oauth_tenants: JsonObject;
  first_party_connected_apps_allowed_type: string;
  allowed_first_party_connected_apps: string[];
  third_party_connected_apps_allowed_type: string;
  allowed_third_party_connected_apps: string[];
}

export interface OrganizationRecord {
  organization_id: string;
  project_id: string;
  organization_name: string;
  organization_slug: string;
  organization_external_id: string | null;
  organization_logo_url: string;
  trusted_metadata: JsonObject;
  settings: OrganizationSettings;
  email_allowed_domains: string[];
  claimed_email_domains: string[];
  custom_roles: RbacRole[];
  created_at: number;
  updated_at: number;
}

export type MemberStatus = 'active' | 'pending' | 'invited' | 'deleted';


export interface MemberRecord extends LockoutState {
  member_id: string;
  project_id: string;
  organization_id: string;
  email_address: string;
  status: MemberStatus;
  name: string;
  external_id: string | null;
  trusted_metadata: JsonObject;
  untrusted_metadata: JsonObject;
  /** Explicitly assigned roles (the implicit `stytch_member` and email-domain roles are not stored). */
  roles: string[];
  is_breakglass: boolean;
  mfa_enrolled: boolean;
  mfa_phone_number: string;
  mfa_phone_number_verified: boolean;
  default_mfa_method: string;
  email_address_verified: boolean;
  password: PasswordRecord | null;
  created_at: number;
  updated_at: number;
}

/** A member session: the consumer session model without `attributes`, keyed to a member and its organization. */
export interface MemberSessionRecord extends Omit<SessionRecord, 'session_id' | 'user_id' | 'attributes'> {
  member_session_id: string;
  organization_id: string;
  member_id: string;
}
