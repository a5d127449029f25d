/**
 * TypeBox pieces of the B2B request schemas. Types and lengths are checked here (each field names the
 * Stytch error type reported when it fails); allowed values and the rules between fields, in the domain.
 *
 * @module
 */
import { Type } from 'typebox';
import type { ErrorType } from '@tessera/core';
import { JsonObj, Str } from '../../schema.js';

export const OrgParams = Type.Object({ organization_id: Str({ maxLength: 256 }) });
export const MemberParams = Type.Object({ organization_id: Str({ maxLength: 256 }), member_id: Str({ maxLength: 256 }) });

const Setting = (errorType: ErrorType = 'invalid_organization_auth_factor_setting') => Type.Optional(Str({ maxLength: 64, errorType }));
const Strings = (errorType: ErrorType) => Type.Optional(Type.Array(Str({ maxLength: 256, errorType }), { maxItems: 100, errorType }));

export const Metadata = () => Type.Optional(JsonObj({ errorType: 'invalid_metadata' }));

/** The fields of an organization create or update. */
export const OrganizationFields = {
  organization_name: Type.Optional(Str({ maxLength: 1024, errorType: 'invalid_organization_name' })),
  organization_slug: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_organization_slug' })),
  organization_logo_url: Type.Optional(Str({ maxLength: 8192, errorType: 'organization_logo_url_too_long' })),
  trusted_metadata: Metadata(),
  organization_external_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_external_id' })),
  sso_jit_provisioning: Setting(),
  email_allowed_domains: Strings('organization_settings_invalid_domain'),
  email_jit_provisioning: Setting(),
  email_invites: Setting(),
  auth_methods: Setting(),
  allowed_auth_methods: Strings('invalid_organization_allowed_auth_methods'),
  mfa_policy: Setting('invalid_organization_mfa_policy'),
  rbac_email_implicit_role_assignments: Type.Optional(
    Type.Array(Type.Object({ domain: Str({ maxLength: 256 }), role_id: Str({ maxLength: 128 }) }), { maxItems: 100, errorType: 'invalid_rbac_role_assignment' }),
  ),
  mfa_methods: Setting(),
  allowed_mfa_methods: Strings('invalid_organization_allowed_mfa_methods'),
  oauth_tenant_jit_provisioning: Setting(),
  allowed_oauth_tenants: Type.Optional(JsonObj({ errorType: 'invalid_oauth_allowed_tenants_format' })),
  claimed_email_domains: Strings('organization_settings_invalid_claimed_domain'),
  first_party_connected_apps_allowed_type: Setting(),
  allowed_first_party_connected_apps: Strings('invalid_argument'),
  third_party_connected_apps_allowed_type: Setting(),
  allowed_third_party_connected_apps: Strings('invalid_argument'),
};

/** Update-only organization fields (SSO connections, which Tessera does not have yet). */
export const OrganizationUpdateFields = {
  ...OrganizationFields,
  sso_default_connection_id: Type.Optional(Str({ maxLength: 256 })),
  sso_jit_provisioning_allowed_connections: Strings('invalid_argument'),
};

export const Roles = Type.Optional(Type.Array(Str({ maxLength: 128, errorType: 'invalid_rbac_role_assignment' }), { maxItems: 100, errorType: 'invalid_rbac_role_assignment' }));

/** The fields of a member create, update or migrate. */
export const MemberFields = {
  name: Type.Optional(Str({ maxLength: 4096 })),
  trusted_metadata: Metadata(),
  untrusted_metadata: Metadata(),
  mfa_phone_number: Type.Optional(Str({ maxLength: 64, errorType: 'invalid_phone_number' })),
  roles: Roles,
  external_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_external_id' })),
};
