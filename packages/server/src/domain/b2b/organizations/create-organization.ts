import { newId, type JsonObject } from '@tessera/core';
import type { OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { checkExternalId, checkMetadata } from '../../validate.js';
import { b2bConflictToApiError } from '../conflict.js';
import { projectPolicy } from '../rbac/project-policy.js';
import { applySettings, createDefaults, type OrganizationSettingsInput } from './organization-settings.js';
import { checkLogoUrl, checkOrganizationName, checkSlug, slugFromName } from './validate-organization.js';

export interface CreateOrganizationInput extends OrganizationSettingsInput {
  organization_name?: string | undefined;
  organization_slug?: string | undefined;
  organization_logo_url?: string | undefined;
  trusted_metadata?: JsonObject | undefined;
  organization_external_id?: string | undefined;
}

/**
 * `POST /v1/b2b/organizations`: validates everything (name, slug, domains, every setting against Stytch's
 * allowed values), applies Stytch's defaults, then inserts. A taken slug is `organization_slug_already_used`.
 */
export async function createOrganization(ctx: ProjectContext, input: CreateOrganizationInput): Promise<OrganizationRecord> {
  const now = ctx.clock();
  const projectId = ctx.project.project_id;
  const organization_name = checkOrganizationName(input.organization_name);
  const roles = (await projectPolicy(ctx)).roles;
  const org: OrganizationRecord = {
    organization_id: newId('organization', ctx.project.env),
    project_id: projectId,
    organization_name,
    organization_slug: input.organization_slug !== undefined ? checkSlug(input.organization_slug) : '',
    organization_external_id: input.organization_external_id ? checkExternalId(input.organization_external_id) : null,
    organization_logo_url: checkLogoUrl(input.organization_logo_url ?? ''),
    trusted_metadata: checkMetadata(input.trusted_metadata ?? {}, 'trusted_metadata'),
    ...applySettings(createDefaults(input), input, roles),
    custom_roles: [],
    created_at: now,
    updated_at: now,
  };
  org.organization_slug ||= await slugFromName(organization_name, async (slug) => (await ctx.stores.organizations.get(projectId, slug)) !== null);
  await ctx.stores.organizations.insert(org).catch(b2bConflictToApiError);
  return org;
}
