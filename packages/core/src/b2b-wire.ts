/**
 * Wire shapes of Stytch's B2B objects as Tessera serves them (Stytch's API reference; the
 * names of `stytch` 14.2.0 `lib/b2b/organizations.d.ts` and `sessions.d.ts`). Built by the server and
 * returned by the SDK's `B2BClient`, whose local JWT verification builds `MemberSession` from the claims.
 *
 * As in `wire.ts`, a registration kind Tessera does not have yet (SSO, OAuth, SCIM, retired emails) is
 * typed `unknown[]` or `null`, which is what the server sends.
 *
 * @module
 */
import type { AuthenticationFactor, JsonObject } from './wire.js';

/** The value of the `https://stytch.com/organization` claim of a member session JWT. */
export interface OrganizationClaim {
  organization_id: string;
  slug: string;
}

export interface EmailImplicitRoleAssignment {
  domain: string;
  role_id: string;
}

export interface CustomRolePermission {
  resource_id: string;
  actions: string[];
}

/** A role an organization defines for itself (its RBAC org policy). */
export interface CustomRole {
  role_id: string;
  description: string;
  permissions: CustomRolePermission[];
}

export interface Organization {
  organization_id: string;
  organization_name: string;
  organization_logo_url: string;
  organization_slug: string;
  sso_jit_provisioning: string;
  sso_jit_provisioning_allowed_connections: string[];
  sso_active_connections: unknown[];
  email_allowed_domains: string[];
  email_jit_provisioning: string;
  email_invites: string;
  auth_methods: string;
  allowed_auth_methods: string[];
  mfa_policy: string;
  rbac_email_implicit_role_assignments: EmailImplicitRoleAssignment[];
  mfa_methods: string;
  allowed_mfa_methods: string[];
  oauth_tenant_jit_provisioning: string;
  claimed_email_domains: string[];
  first_party_connected_apps_allowed_type: string;
  allowed_first_party_connected_apps: string[];
  third_party_connected_apps_allowed_type: string;
  allowed_third_party_connected_apps: string[];
  custom_roles: CustomRole[];
  trusted_metadata: JsonObject;
  created_at: string;
  updated_at: string;
  /** `""` when unset. */
  organization_external_id: string;
  sso_default_connection_id: string | null;
  scim_active_connection: null;
  allowed_oauth_tenants: JsonObject;
}

/** How a member holds a role: assigned directly, or implied by its email domain. */
export interface MemberRoleSource {
  type: 'direct_assignment' | 'email_assignment' | (string & {});
  details: JsonObject;
}

export interface MemberRole {
  role_id: string;
  sources: MemberRoleSource[];
}

export interface Member {
  organization_id: string;
  member_id: string;
  email_address: string;
  status: 'active' | 'pending' | 'invited' | 'deleted' | (string & {});
  name: string;
  sso_registrations: unknown[];
  is_breakglass: boolean;
  /** `""` when the member has no password; likewise the other unset string fields. */
  member_password_id: string;
  oauth_registrations: unknown[];
  email_address_verified: boolean;
  mfa_phone_number_verified: boolean;
  is_admin: boolean;
  totp_registration_id: string;
  retired_email_addresses: unknown[];
  is_locked: boolean;
  mfa_enrolled: boolean;
  mfa_phone_number: string;
  default_mfa_method: string;
  roles: MemberRole[];
  trusted_metadata: JsonObject;
  untrusted_metadata: JsonObject;
  created_at: string;
  updated_at: string;
  scim_registration: null;
  external_id: string;
  lock_created_at: string | null;
  lock_expires_at: string | null;
}

/** A member session: no `attributes`, unlike the consumer `Session`. */
export interface MemberSession {
  member_session_id: string;
  member_id: string;
  started_at: string;
  last_accessed_at: string;
  expires_at: string;
  authentication_factors: AuthenticationFactor[];
  organization_id: string;
  roles: string[];
  organization_slug: string;
  custom_claims: JsonObject;
}
