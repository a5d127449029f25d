/**
 * `client.passwords`, with `existingPassword` and `sessions` sub-clients as in the official SDK.
 *
 * @module
 */
import { request, type Transport } from './http/request.js';
import type {
  PasswordsAuthenticateRequest,
  PasswordsAuthenticateResponse,
  PasswordsCreateRequest,
  PasswordsCreateResponse,
  PasswordsExistingPasswordResetRequest,
  PasswordsExistingPasswordResetResponse,
  PasswordsMigrateRequest,
  PasswordsMigrateResponse,
  PasswordsSessionResetRequest,
  PasswordsSessionResetResponse,
  PasswordsStrengthCheckRequest,
  PasswordsStrengthCheckResponse,
} from './types/passwords.js';

export class Passwords {
  readonly existingPassword: ExistingPassword;
  readonly sessions: PasswordSessions;
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
    this.existingPassword = new ExistingPassword(transport);
    this.sessions = new PasswordSessions(transport);
  }

  /** Creates a new user with a password (`duplicate_email` if the email exists). `POST /v1/passwords` */
  create(data: PasswordsCreateRequest): Promise<PasswordsCreateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/passwords', data });
  }

  /** Checks a password; mints a session when `session_duration_minutes` is given. `POST /v1/passwords/authenticate` */
  authenticate(data: PasswordsAuthenticateRequest): Promise<PasswordsAuthenticateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/passwords/authenticate', data });
  }

  /** Scores a password against the project's policy. `POST /v1/passwords/strength_check` */
  strengthCheck(data: PasswordsStrengthCheckRequest): Promise<PasswordsStrengthCheckResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/passwords/strength_check', data });
  }

  /** Imports a password hash, creating the user if needed. `POST /v1/passwords/migrate` */
  migrate(data: PasswordsMigrateRequest): Promise<PasswordsMigrateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/passwords/migrate', data });
  }
}

export class ExistingPassword {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Replaces a password given the current one. `POST /v1/passwords/existing_password/reset` */
  reset(data: PasswordsExistingPasswordResetRequest): Promise<PasswordsExistingPasswordResetResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/passwords/existing_password/reset', data });
  }
}

export class PasswordSessions {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Replaces a password within a recently authenticated session. `POST /v1/passwords/session/reset` */
  reset(data: PasswordsSessionResetRequest): Promise<PasswordsSessionResetResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/passwords/session/reset', data });
  }
}
