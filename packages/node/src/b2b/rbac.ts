/**
 * `b2bClient.rbac`: the project's RBAC policy and, under `organizations`, an organization's own roles, as in
 * the official SDK (`stytch/dist/b2b/rbac.js`, `rbac_organizations.js`). Local `authorization_check`s read
 * both through the client's policy cache.
 *
 * @module
 */
import { request, type Transport } from '../http/request.js';
import type {
  B2BRBACOrganizationsGetOrgPolicyRequest,
  B2BRBACOrganizationsGetOrgPolicyResponse,
  B2BRBACOrganizationsSetOrgPolicyRequest,
  B2BRBACOrganizationsSetOrgPolicyResponse,
  B2BRBACPolicyResponse,
} from './types/rbac.js';

const orgPolicyPath = (organizationId: string) => `/v1/b2b/rbac/organizations/${encodeURIComponent(organizationId)}`;

export class B2BRBAC {
  readonly organizations: B2BRBACOrganizations;
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
    this.organizations = new B2BRBACOrganizations(transport);
  }

  /** The project's RBAC policy: roles, resources and scopes. `GET /v1/b2b/rbac/policy` */
  policy(): Promise<B2BRBACPolicyResponse> {
    return request(this.#transport, { method: 'GET', path: '/v1/b2b/rbac/policy' });
  }
}

export class B2BRBACOrganizations {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** The roles an organization defines for itself. `GET /v1/b2b/rbac/organizations/{organization_id}` */
  getOrgPolicy(params: B2BRBACOrganizationsGetOrgPolicyRequest): Promise<B2BRBACOrganizationsGetOrgPolicyResponse> {
    return request(this.#transport, { method: 'GET', path: orgPolicyPath(params.organization_id) });
  }

  /** Replaces an organization's own roles. `PUT /v1/b2b/rbac/organizations/{organization_id}` */
  setOrgPolicy(data: B2BRBACOrganizationsSetOrgPolicyRequest): Promise<B2BRBACOrganizationsSetOrgPolicyResponse> {
    return request(this.#transport, { method: 'PUT', path: orgPolicyPath(data.organization_id), data: { org_policy: data.org_policy } });
  }
}
