import { createOrganization } from '../../../domain/b2b/organizations/create-organization.js';
import { deleteOrganization } from '../../../domain/b2b/organizations/delete-organization.js';
import { getOrganization } from '../../../domain/b2b/organizations/get-organization.js';
import { countMembers } from '../../../domain/b2b/organizations/count-members.js';
import { organizationView } from '../../../domain/b2b/organizations/organization-view.js';
import { searchOrganizations } from '../../../domain/b2b/organizations/search-organizations.js';
import { updateOrganization } from '../../../domain/b2b/organizations/update-organization.js';
import { Body } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { SearchFields } from '../search-fields.js';
import { OrganizationFields, OrganizationUpdateFields, OrgParams } from './b2b-schema.js';
import { memberSessionHeaders } from './member-session-headers.js';

export const organizationRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/organizations',
    summary: 'Create an organization (Stytch defaults for every setting not given)',
    body: Body(OrganizationFields),
    async handler(ctx, { body }) {
      return { organization: organizationView(await createOrganization(ctx, body)) };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/organizations/search',
    audit: false, // a read
    summary: 'Search organizations with filters and cursor pagination',
    body: Body(SearchFields),
    async handler(ctx, { body }) {
      const { organizations, total, next_cursor } = await searchOrganizations(ctx, body);
      return { organizations: organizations.map(organizationView), results_metadata: { total, next_cursor } };
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/organizations/:organization_id',
    summary: 'Get an organization by id, slug or external id',
    params: OrgParams,
    async handler(ctx, { params }) {
      return { organization: organizationView(await getOrganization(ctx, params.organization_id)) };
    },
  }),
  secretRoute({
    method: 'PUT',
    url: '/v1/b2b/organizations/:organization_id',
    summary: 'Update an organization; a member session header runs it with that member\'s permissions',
    params: OrgParams,
    body: Body(OrganizationUpdateFields),
    async handler(ctx, { params, body, headers }) {
      return { organization: organizationView(await updateOrganization(ctx, params.organization_id, body, memberSessionHeaders(headers))) };
    },
  }),
  secretRoute({
    method: 'DELETE',
    url: '/v1/b2b/organizations/:organization_id',
    summary: 'Delete an organization with its members and their sessions',
    params: OrgParams,
    async handler(ctx, { params, headers }) {
      return { organization_id: await deleteOrganization(ctx, params.organization_id, memberSessionHeaders(headers)) };
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/organizations/:organization_id/metrics',
    summary: 'The number of members of an organization that are not deleted',
    params: OrgParams,
    async handler(ctx, { params }) {
      return { member_count: await countMembers(ctx, params.organization_id) };
    },
  }),
];
