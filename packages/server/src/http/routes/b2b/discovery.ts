import { Type } from 'typebox';
import { createOrganizationViaDiscovery } from '../../../domain/b2b/discovery/create-organization-via-discovery.js';
import { exchangeIntermediateSession } from '../../../domain/b2b/discovery/exchange-intermediate-session.js';
import { listDiscoveredOrganizations } from '../../../domain/b2b/discovery/list-discovered-organizations.js';
import { Body, SessionFields, Str } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { OrganizationFields } from './b2b-schema.js';
import { Locale, OrganizationId } from './passwordless-schema.js';
import { memberLoginResponse } from './responses.js';

const IstRequired = () => Str({ maxLength: 1024, errorType: 'intermediate_session_not_found' });

export const DiscoveryCreateBody = Body({
  intermediate_session_token: IstRequired(),
  session_duration_minutes: SessionFields.session_duration_minutes,
  session_custom_claims: SessionFields.session_custom_claims,
  ...OrganizationFields,
});

export const DiscoveryExchangeBody = Body({
  intermediate_session_token: IstRequired(),
  organization_id: OrganizationId(),
  session_duration_minutes: SessionFields.session_duration_minutes,
  session_custom_claims: SessionFields.session_custom_claims,
  locale: Locale(),
});

export const b2bDiscoveryRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/discovery/organizations',
    audit: false, // a read (the organizations an intermediate session may join)
    summary: 'The organizations the address of an intermediate session or member session belongs to or may join',
    body: Body({
      intermediate_session_token: Type.Optional(Str({ maxLength: 1024 })),
      session_token: SessionFields.session_token,
      session_jwt: SessionFields.session_jwt,
    }),
    async handler(ctx, { body }) {
      return listDiscoveredOrganizations(ctx, body);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/discovery/organizations/create',
    summary: "Create an organization with the intermediate session's address as its first admin, and log in",
    body: DiscoveryCreateBody,
    async handler(ctx, { body }) {
      return memberLoginResponse(ctx, await createOrganizationViaDiscovery(ctx, body as Parameters<typeof createOrganizationViaDiscovery>[1]));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/discovery/intermediate_sessions/exchange',
    summary: 'Exchange an intermediate session for a session in an organization (joining it by email domain where allowed)',
    body: DiscoveryExchangeBody,
    async handler(ctx, { body }) {
      return memberLoginResponse(ctx, await exchangeIntermediateSession(ctx, body));
    },
  }),
];
