/**
 * `client.users`: the user endpoints Tessera serves, with the official SDK's method names and requests.
 *
 * @module
 */
import { request, type Transport } from './http/request.js';
import { UserSearchIterator } from './user-search-iterator.js';
import type {
  UsersCreateRequest,
  UsersCreateResponse,
  UsersDeleteRequest,
  UsersDeleteResponse,
  UsersGetRequest,
  UsersGetResponse,
  UsersSearchRequest,
  UsersSearchResponse,
  UsersUpdateRequest,
  UsersUpdateResponse,
} from './types/users.js';

export class Users {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Creates a user by email and/or phone number. `POST /v1/users` */
  create(data: UsersCreateRequest): Promise<UsersCreateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/users', data });
  }

  /** Reads a user by id or `external_id`; the fields come flattened. `GET /v1/users/{user_id}` */
  get(params: UsersGetRequest): Promise<UsersGetResponse> {
    return request(this.#transport, { method: 'GET', path: `/v1/users/${encodeURIComponent(params.user_id)}` });
  }

  /** One page of users matching `query`. `POST /v1/users/search` */
  search(data: UsersSearchRequest): Promise<UsersSearchResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/users/search', data });
  }

  /** Every page of a search, one `User[]` per iteration (`for await`), following `next_cursor`. */
  searchAll(data: UsersSearchRequest): UserSearchIterator {
    return new UserSearchIterator(this, data);
  }

  /** Updates the given fields; only the ones the API accepts are sent. `PUT /v1/users/{user_id}` */
  update(data: UsersUpdateRequest): Promise<UsersUpdateResponse> {
    const { name, attributes, trusted_metadata, untrusted_metadata, external_id, roles } = data;
    return request(this.#transport, {
      method: 'PUT',
      path: `/v1/users/${encodeURIComponent(data.user_id)}`,
      data: { name, attributes, trusted_metadata, untrusted_metadata, external_id, roles },
    });
  }

  /** Deletes a user and revokes their sessions. `DELETE /v1/users/{user_id}` (body `{}`, as the official SDK) */
  delete(data: UsersDeleteRequest): Promise<UsersDeleteResponse> {
    return request(this.#transport, { method: 'DELETE', path: `/v1/users/${encodeURIComponent(data.user_id)}`, data: {} });
  }
}
