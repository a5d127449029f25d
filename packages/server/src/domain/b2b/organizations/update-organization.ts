import type { JsonObject } from '@tessera/core';
import type { OrganizationPatch } from '../../../store/b2b-stores.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { checkExternalId, mergeMetadata } from '../../validate.js';
import { b2bConflictToApiError } from '../conflict.js';
import { authorizeActingMember, refuseWhenActing } from '../rbac/acting-member.js';
import { rolesFor } from '../rbac/project-policy.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';
import { getOrganization } from './get-organization.js';
import { applySettings, type OrganizationSettingsInput } from './organization-settings.js';
import { checkLogoUrl, checkOrganizationName, checkSlug } from './validate-organization.js';

export interface UpdateOrganizationInput extends OrganizationSettingsInput {
  organization_name?: string | undefined;
  organization_slug?: string | undefined;
  organization_logo_url?: string | undefined;
  trusted_metadata?: JsonObject | undefined;
  organization_external_id?: string | undefined;
}

/** The `stytch.organization` action each field needs under a member session header (the field docs of `stytch` 14.2.0). */
const ACTIONS: Record<Exclude<keyof UpdateOrganizationInput, 'trusted_metadata'>, string> = {
  organization_name: 'update.info.name',
  organization_slug: 'update.info.slug',
  organization_logo_url: 'update.info.logo-url',
  organization_external_id: 'update.info.external-id',
  sso_default_connection_id: 'update.settings.default-sso-connection',
  sso_jit_provisioning: 'update.settings.sso-jit-provisioning',
  sso_jit_provisioning_allowed_connections: 'update.settings.sso-jit-provisioning',
  email_allowed_domains: 'update.settings.allowed-domains',
  email_jit_provisioning: 'update.settings.email-jit-provisioning',
  email_invites: 'update.settings.email-invites',
  auth_methods: 'update.settings.allowed-auth-methods',
  allowed_auth_methods: 'update.settings.allowed-auth-methods',
  mfa_policy: 'update.settings.mfa-policy',
  rbac_email_implicit_role_assignments: 'update.settings.implicit-roles',
  mfa_methods: 'update.settings.allowed-mfa-methods',
  allowed_mfa_methods: 'update.settings.allowed-mfa-methods',
  oauth_tenant_jit_provisioning: 'update.settings.oauth-tenant-jit-provisioning',
  allowed_oauth_tenants: 'update.settings.allowed-oauth-tenants',
  claimed_email_domains: 'update.settings.claimed-email-domains',
  first_party_connected_apps_allowed_type: 'update.settings.first-party-connected-apps',
  allowed_first_party_connected_apps: 'update.settings.first-party-connected-apps',
  third_party_connected_apps_allowed_type: 'update.settings.third-party-connected-apps',
  allowed_third_party_connected_apps: 'update.settings.third-party-connected-apps',
};

/**
 * `PUT /v1/b2b/organizations/{organization_id}`: only the fields sent change; `trusted_metadata` merges at
 * the top level. With a member session header each field needs its action on `stytch.organization`, and
 * `trusted_metadata` is refused. Everything is validated before the one write.
 */
export async function updateOrganization(ctx: ProjectContext, ref: string, input: UpdateOrganizationInput, creds: MemberSessionCredentials = {}) {
  const org = await getOrganization(ctx, ref);
  const actions = new Set(Object.entries(ACTIONS).filter(([field]) => input[field as keyof UpdateOrganizationInput] !== undefined).map(([, a]) => a));
  const acting = await authorizeActingMember(ctx, creds, org, [...actions].map((action) => ({ resource_id: 'stytch.organization', action })));
  refuseWhenActing(acting, input.trusted_metadata, 'cannot_update_trusted_metadata');
  const patch: OrganizationPatch = { ...applySettings(org, input, await rolesFor(ctx, org)), updated_at: ctx.clock() };
  if (input.organization_name !== undefined) patch.organization_name = checkOrganizationName(input.organization_name);
  if (input.organization_slug !== undefined) patch.organization_slug = checkSlug(input.organization_slug);
  if (input.organization_logo_url !== undefined) patch.organization_logo_url = checkLogoUrl(input.organization_logo_url);
  if (input.trusted_metadata) patch.trusted_metadata = mergeMetadata(org.trusted_metadata, input.trusted_metadata, 'trusted_metadata');
  if (input.organization_external_id !== undefined) {
    patch.organization_external_id = input.organization_external_id === '' ? null : checkExternalId(input.organization_external_id);
  }
  const updated = await ctx.stores.organizations.update(ctx.project.project_id, org.organization_id, patch).catch(b2bConflictToApiError);
  if (!updated) throw new ApiError('organization_not_found');
  return updated;
}
