/**
 * `client.sessions`: the API session calls plus local-first JWT verification, with the official SDK's
 * semantics (`stytch/dist/b2c/sessions.js`):
 *
 * - `authenticateJwtLocal` verifies against the cached JWKS only and returns the session built from the
 *   claims, or throws a `ClientError` (`jwt_invalid`, `jwt_too_old`, `invalid_permissions`).
 * - `authenticateJwt` tries that first and returns `{ session, session_jwt }`; on any local failure it
 *   asks `POST /v1/sessions/authenticate` and returns the API's whole response. `max_token_age_seconds: 0`
 *   goes straight to the API. A `TesseraError` from that fallback carries the local failure as `cause`.
 *
 * @module
 */
import { sessionFromClaims, type Session, type SessionVerifier } from '@tessera/core';
import { request, type Transport } from './http/request.js';
import { authenticateLocalFirst, verifyOptions } from './local-first.js';
import { performAuthorizationCheck, type PolicyCache } from './rbac-policy.js';
import type { RevocationGuard } from './revocations.js';
import type {
  SessionsAuthenticateJwtLocalRequest,
  SessionsAuthenticateJwtRequest,
  SessionsAuthenticateJwtResponse,
  SessionsAuthenticateRequest,
  SessionsAuthenticateResponse,
  SessionsGetJWKSRequest,
  SessionsGetJWKSResponse,
  SessionsGetRequest,
  SessionsGetResponse,
  SessionsRevokeRequest,
  SessionsRevokeResponse,
} from './types/sessions.js';

export class Sessions {
  readonly #transport: Transport;
  readonly #verifier: SessionVerifier;
  readonly #policy: PolicyCache;
  readonly #revocations: RevocationGuard | undefined;

  constructor(transport: Transport, verifier: SessionVerifier, policy: PolicyCache, revocations?: RevocationGuard) {
    this.#transport = transport;
    this.#verifier = verifier;
    this.#policy = policy;
    this.#revocations = revocations;
  }

  /** The user's active sessions. `GET /v1/sessions?user_id=` */
  get(params: SessionsGetRequest): Promise<SessionsGetResponse> {
    return request(this.#transport, { method: 'GET', path: '/v1/sessions', params: { ...params } });
  }

  /** Checks a session token or JWT with the API (extending it when asked). `POST /v1/sessions/authenticate` */
  authenticate(data: SessionsAuthenticateRequest): Promise<SessionsAuthenticateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/sessions/authenticate', data });
  }

  /** Revokes a session by id, token or JWT. `POST /v1/sessions/revoke` */
  revoke(data: SessionsRevokeRequest): Promise<SessionsRevokeResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/sessions/revoke', data });
  }

  /** The project's signing keys, with credentials. `GET /v1/sessions/jwks/{project_id}` */
  getJWKS(params: SessionsGetJWKSRequest): Promise<SessionsGetJWKSResponse> {
    return request(this.#transport, { method: 'GET', path: `/v1/sessions/jwks/${encodeURIComponent(params.project_id)}` });
  }

  /** Verifies a session JWT locally, falling back to the API on any local failure. */
  authenticateJwt(params: SessionsAuthenticateJwtRequest): Promise<SessionsAuthenticateJwtResponse> {
    return authenticateLocalFirst(this.#transport, '/v1/sessions/authenticate', params, async () => ({
      session: await this.authenticateJwtLocal(params),
      session_jwt: params.session_jwt,
    }));
  }

  /** Verifies a session JWT against the cached JWKS, without asking the API for the session. */
  async authenticateJwtLocal(params: SessionsAuthenticateJwtLocalRequest): Promise<Session> {
    // The hot path of every local check: one await for the signature, none for what is not configured.
    const session = sessionFromClaims(await this.#verifier.verify(params.session_jwt, verifyOptions(params)));
    if (this.#revocations) await this.#revocations.assertNotRevoked(session.session_id);
    if (params.authorization_check) {
      performAuthorizationCheck(await this.#policy.getPolicy(), session.roles, params.authorization_check);
    }
    return session;
  }
}
