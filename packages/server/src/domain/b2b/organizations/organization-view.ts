import { rfc3339 } from '@tessera/core';
import type { OrganizationRecord } from '../../../store/b2b-records.js';
import type { Organization } from '../wire.js';

/**
 * The Stytch Organization object. Tessera has no SSO or SCIM connections yet: those
 * lists are empty and `scim_active_connection` is null. An unset external id is `""` (UNVERIFIED: the SDK
 * types it as an optional string).
 */
export function organizationView(o: OrganizationRecord): Organization {
  const { sso_default_connection_id, allowed_oauth_tenants, ...settings } = o.settings;
  return {
    organization_id: o.organization_id,
    organization_name: o.organization_name,
    organization_logo_url: o.organization_logo_url,
    organization_slug: o.organization_slug,
    ...settings,
    sso_active_connections: [],
    email_allowed_domains: o.email_allowed_domains,
    claimed_email_domains: o.claimed_email_domains,
    custom_roles: o.custom_roles,
    trusted_metadata: o.trusted_metadata,
    created_at: rfc3339(o.created_at),
    updated_at: rfc3339(o.updated_at),
    organization_external_id: o.organization_external_id ?? '',
    sso_default_connection_id,
    scim_active_connection: null,
    allowed_oauth_tenants,
  };
}
