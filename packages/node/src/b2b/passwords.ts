/**
 * `b2bClient.passwords`: the member password calls Tessera serves, as in the official SDK
 * (`stytch/dist/b2b/passwords.js`).
 *
 * @module
 */
import { request, type Transport } from '../http/request.js';
import type {
  B2BPasswordsAuthenticateRequest,
  B2BPasswordsAuthenticateResponse,
  B2BPasswordsMigrateRequest,
  B2BPasswordsMigrateResponse,
  B2BPasswordsStrengthCheckRequest,
  B2BPasswordsStrengthCheckResponse,
} from './types/passwords.js';

export class B2BPasswords {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Checks a member's password in an organization; a session (60 minutes unless told otherwise), or an
   * intermediate session when the organization requires another step. `POST /v1/b2b/passwords/authenticate`
   */
  authenticate(data: B2BPasswordsAuthenticateRequest): Promise<B2BPasswordsAuthenticateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/passwords/authenticate', data });
  }

  /** Scores a password against the project's policy. `POST /v1/b2b/passwords/strength_check` */
  strengthCheck(data: B2BPasswordsStrengthCheckRequest): Promise<B2BPasswordsStrengthCheckResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/passwords/strength_check', data });
  }

  /** Imports a password hash for a member, creating the member if the email is new there. `POST /v1/b2b/passwords/migrate` */
  migrate(data: B2BPasswordsMigrateRequest): Promise<B2BPasswordsMigrateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/passwords/migrate', data });
  }
}
