/**
 * `b2bClient.organizations.members`, as in the official SDK (`stytch/dist/b2b/organizations_members.js`).
 * The mutations and `search` take the official method options (act as a member session).
 *
 * @module
 */
import { authorizationHeaders } from '../http/method-options.js';
import { request, type Transport } from '../http/request.js';
import type {
  B2BOrganizationsMembersCreateRequest,
  B2BOrganizationsMembersCreateRequestOptions,
  B2BOrganizationsMembersCreateResponse,
  B2BOrganizationsMembersDangerouslyGetRequest,
  B2BOrganizationsMembersDeleteRequest,
  B2BOrganizationsMembersDeleteRequestOptions,
  B2BOrganizationsMembersDeleteResponse,
  B2BOrganizationsMembersGetRequest,
  B2BOrganizationsMembersGetResponse,
  B2BOrganizationsMembersReactivateRequest,
  B2BOrganizationsMembersReactivateRequestOptions,
  B2BOrganizationsMembersReactivateResponse,
  B2BOrganizationsMembersSearchRequest,
  B2BOrganizationsMembersSearchRequestOptions,
  B2BOrganizationsMembersSearchResponse,
  B2BOrganizationsMembersUpdateRequest,
  B2BOrganizationsMembersUpdateRequestOptions,
  B2BOrganizationsMembersUpdateResponse,
} from './types/members.js';

const members = (organizationId: string) => `/v1/b2b/organizations/${encodeURIComponent(organizationId)}/members`;
const member = (ids: { organization_id: string; member_id: string }) => `${members(ids.organization_id)}/${encodeURIComponent(ids.member_id)}`;

export class B2BMembers {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Creates a member (`duplicate_member_email` if the email is taken there). `POST /v1/b2b/organizations/{organization_id}/members` */
  create(data: B2BOrganizationsMembersCreateRequest, options?: B2BOrganizationsMembersCreateRequestOptions): Promise<B2BOrganizationsMembersCreateResponse> {
    return request(this.#transport, {
      method: 'POST',
      path: members(data.organization_id),
      headers: authorizationHeaders(options),
      data: {
        email_address: data.email_address,
        name: data.name,
        trusted_metadata: data.trusted_metadata,
        untrusted_metadata: data.untrusted_metadata,
        create_member_as_pending: data.create_member_as_pending,
        is_breakglass: data.is_breakglass,
        mfa_phone_number: data.mfa_phone_number,
        mfa_enrolled: data.mfa_enrolled,
        roles: data.roles,
        external_id: data.external_id,
      },
    });
  }

  /** Reads a member by `member_id` (or external id) or by `email_address`. `GET /v1/b2b/organizations/{organization_id}/member` */
  get(params: B2BOrganizationsMembersGetRequest): Promise<B2BOrganizationsMembersGetResponse> {
    return request(this.#transport, {
      method: 'GET',
      path: `/v1/b2b/organizations/${encodeURIComponent(params.organization_id)}/member`,
      params: { member_id: params.member_id, email_address: params.email_address },
    });
  }

  /** Reads a member of any organization, deleted ones with `include_deleted`. `GET /v1/b2b/organizations/members/dangerously_get/{member_id}` */
  dangerouslyGet(params: B2BOrganizationsMembersDangerouslyGetRequest): Promise<B2BOrganizationsMembersGetResponse> {
    return request(this.#transport, {
      method: 'GET',
      path: `/v1/b2b/organizations/members/dangerously_get/${encodeURIComponent(params.member_id)}`,
      params: { include_deleted: params.include_deleted },
    });
  }

  /** Updates the given fields; only the ones the API accepts are sent. `PUT /v1/b2b/organizations/{organization_id}/members/{member_id}` */
  update(data: B2BOrganizationsMembersUpdateRequest, options?: B2BOrganizationsMembersUpdateRequestOptions): Promise<B2BOrganizationsMembersUpdateResponse> {
    return request(this.#transport, {
      method: 'PUT',
      path: member(data),
      headers: authorizationHeaders(options),
      data: {
        name: data.name,
        trusted_metadata: data.trusted_metadata,
        untrusted_metadata: data.untrusted_metadata,
        is_breakglass: data.is_breakglass,
        mfa_phone_number: data.mfa_phone_number,
        mfa_enrolled: data.mfa_enrolled,
        roles: data.roles,
        preserve_existing_sessions: data.preserve_existing_sessions,
        default_mfa_method: data.default_mfa_method,
        email_address: data.email_address,
        external_id: data.external_id,
        unlink_email: data.unlink_email,
      },
    });
  }

  /** Deletes a member (status `deleted`) and revokes its sessions. `DELETE .../members/{member_id}` (body `{}`) */
  delete(data: B2BOrganizationsMembersDeleteRequest, options?: B2BOrganizationsMembersDeleteRequestOptions): Promise<B2BOrganizationsMembersDeleteResponse> {
    return request(this.#transport, { method: 'DELETE', path: member(data), headers: authorizationHeaders(options), data: {} });
  }

  /** Reactivates a deleted member. `PUT .../members/{member_id}/reactivate` (body `{}`) */
  reactivate(
    data: B2BOrganizationsMembersReactivateRequest,
    options?: B2BOrganizationsMembersReactivateRequestOptions,
  ): Promise<B2BOrganizationsMembersReactivateResponse> {
    return request(this.#transport, { method: 'PUT', path: `${member(data)}/reactivate`, headers: authorizationHeaders(options), data: {} });
  }

  /** One page of the members of `organization_ids` matching `query`. `POST /v1/b2b/organizations/members/search` */
  search(data: B2BOrganizationsMembersSearchRequest, options?: B2BOrganizationsMembersSearchRequestOptions): Promise<B2BOrganizationsMembersSearchResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/organizations/members/search', headers: authorizationHeaders(options), data });
  }
}
