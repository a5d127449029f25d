/**
 * `b2bClient.organizations`, with its `members` sub-client, as in the official SDK
 * (`stytch/dist/b2b/organizations.js`). `update` and `delete` take the official method options: a member
 * session to act as (`X-Stytch-Member-Session` / `-SessionJWT`), which the server holds to that member's
 * RBAC permissions.
 *
 * @module
 */
import { authorizationHeaders } from '../http/method-options.js';
import { request, type Transport } from '../http/request.js';
import { B2BMembers } from './members.js';
import type {
  B2BOrganizationsCreateRequest,
  B2BOrganizationsCreateResponse,
  B2BOrganizationsDeleteRequest,
  B2BOrganizationsDeleteRequestOptions,
  B2BOrganizationsDeleteResponse,
  B2BOrganizationsGetRequest,
  B2BOrganizationsGetResponse,
  B2BOrganizationsMetricsRequest,
  B2BOrganizationsMetricsResponse,
  B2BOrganizationsSearchRequest,
  B2BOrganizationsSearchResponse,
  B2BOrganizationsUpdateRequest,
  B2BOrganizationsUpdateRequestOptions,
  B2BOrganizationsUpdateResponse,
} from './types/organizations.js';

const base = (organizationId: string) => `/v1/b2b/organizations/${encodeURIComponent(organizationId)}`;

export class B2BOrganizations {
  readonly members: B2BMembers;
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
    this.members = new B2BMembers(transport);
  }

  /** Creates an organization; Stytch's defaults apply to every setting not given. `POST /v1/b2b/organizations` */
  create(data: B2BOrganizationsCreateRequest): Promise<B2BOrganizationsCreateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/organizations', data });
  }

  /** Reads an organization by id, slug or external id. `GET /v1/b2b/organizations/{organization_id}` */
  get(params: B2BOrganizationsGetRequest): Promise<B2BOrganizationsGetResponse> {
    return request(this.#transport, { method: 'GET', path: base(params.organization_id) });
  }

  /** Updates the given settings; only the fields the API accepts are sent. `PUT /v1/b2b/organizations/{organization_id}` */
  update(data: B2BOrganizationsUpdateRequest, options?: B2BOrganizationsUpdateRequestOptions): Promise<B2BOrganizationsUpdateResponse> {
    return request(this.#transport, {
      method: 'PUT',
      path: base(data.organization_id),
      headers: authorizationHeaders(options),
      data: {
        organization_name: data.organization_name,
        organization_slug: data.organization_slug,
        organization_logo_url: data.organization_logo_url,
        trusted_metadata: data.trusted_metadata,
        organization_external_id: data.organization_external_id,
        sso_default_connection_id: data.sso_default_connection_id,
        sso_jit_provisioning: data.sso_jit_provisioning,
        sso_jit_provisioning_allowed_connections: data.sso_jit_provisioning_allowed_connections,
        email_allowed_domains: data.email_allowed_domains,
        email_jit_provisioning: data.email_jit_provisioning,
        email_invites: data.email_invites,
        auth_methods: data.auth_methods,
        allowed_auth_methods: data.allowed_auth_methods,
        mfa_policy: data.mfa_policy,
        rbac_email_implicit_role_assignments: data.rbac_email_implicit_role_assignments,
        mfa_methods: data.mfa_methods,
        allowed_mfa_methods: data.allowed_mfa_methods,
        oauth_tenant_jit_provisioning: data.oauth_tenant_jit_provisioning,
        allowed_oauth_tenants: data.allowed_oauth_tenants,
        claimed_email_domains: data.claimed_email_domains,
        first_party_connected_apps_allowed_type: data.first_party_connected_apps_allowed_type,
        allowed_first_party_connected_apps: data.allowed_first_party_connected_apps,
        third_party_connected_apps_allowed_type: data.third_party_connected_apps_allowed_type,
        allowed_third_party_connected_apps: data.allowed_third_party_connected_apps,
      },
    });
  }

  /** Deletes an organization with its members and their sessions. `DELETE /v1/b2b/organizations/{organization_id}` (body `{}`) */
  delete(data: B2BOrganizationsDeleteRequest, options?: B2BOrganizationsDeleteRequestOptions): Promise<B2BOrganizationsDeleteResponse> {
    return request(this.#transport, { method: 'DELETE', path: base(data.organization_id), headers: authorizationHeaders(options), data: {} });
  }

  /** One page of organizations matching `query`. `POST /v1/b2b/organizations/search` */
  search(data: B2BOrganizationsSearchRequest): Promise<B2BOrganizationsSearchResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/organizations/search', data });
  }

  /** The number of members that are not deleted. `GET /v1/b2b/organizations/{organization_id}/metrics` */
  metrics(params: B2BOrganizationsMetricsRequest): Promise<B2BOrganizationsMetricsResponse> {
    return request(this.#transport, { method: 'GET', path: `${base(params.organization_id)}/metrics` });
  }
}
