/**
 * `b2bClient.sessions`: the member session calls plus local-first JWT verification, with the official
 * SDK's semantics (`stytch/dist/b2b/sessions.js`, Stytch's API reference):
 *
 * - `authenticateJwtLocal` verifies against the cached B2B JWKS (`/v1/b2b/sessions/jwks/{project_id}`)
 *   and returns the `MemberSession` built from the claims, or throws a `ClientError` (`jwt_invalid`,
 *   `jwt_too_old`, `tenancy_mismatch`, `invalid_permissions`).
 * - `authenticateJwt` tries that first and returns `{ member_session, session_jwt }`; on any local failure
 *   it asks `POST /v1/b2b/sessions/authenticate` and returns the API's whole response.
 *
 * A local `authorization_check` checks the organization first (no policy needed for a mismatch), then the
 * member's roles against the cached project and organization policies.
 *
 * @module
 */
import { memberSessionFromClaims, type MemberSession, type SessionVerifier } from '@tessera/core';
import { authorizationHeaders } from '../http/method-options.js';
import { request, type Transport } from '../http/request.js';
import { authenticateLocalFirst, verifyOptions } from '../local-first.js';
import { assertSameOrganization, performAuthorizationCheck, type B2BPolicyCache } from './rbac-local.js';
import type { RevocationGuard } from '../revocations.js';
import type {
  B2BSessionsAuthenticateJwtLocalRequest,
  B2BSessionsAuthenticateJwtRequest,
  B2BSessionsAuthenticateJwtResponse,
  B2BSessionsAuthenticateRequest,
  B2BSessionsAuthenticateResponse,
  B2BSessionsExchangeRequest,
  B2BSessionsExchangeResponse,
  B2BSessionsGetJWKSRequest,
  B2BSessionsGetJWKSResponse,
  B2BSessionsGetRequest,
  B2BSessionsGetResponse,
  B2BSessionsRevokeRequest,
  B2BSessionsRevokeRequestOptions,
  B2BSessionsRevokeResponse,
} from './types/sessions.js';

export class B2BSessions {
  readonly #transport: Transport;
  readonly #verifier: SessionVerifier;
  readonly #policy: B2BPolicyCache;
  readonly #revocations: RevocationGuard | undefined;

  constructor(transport: Transport, verifier: SessionVerifier, policy: B2BPolicyCache, revocations?: RevocationGuard) {
    this.#transport = transport;
    this.#verifier = verifier;
    this.#policy = policy;
    this.#revocations = revocations;
  }

  /** The member's live sessions. `GET /v1/b2b/sessions?organization_id=&member_id=` */
  get(params: B2BSessionsGetRequest): Promise<B2BSessionsGetResponse> {
    return request(this.#transport, { method: 'GET', path: '/v1/b2b/sessions', params: { ...params } });
  }

  /** Checks a session token or JWT with the API, with an optional `authorization_check`. `POST /v1/b2b/sessions/authenticate` */
  authenticate(data: B2BSessionsAuthenticateRequest): Promise<B2BSessionsAuthenticateResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/sessions/authenticate', data });
  }

  /** Revokes a session (by id, token or JWT) or every session of a member (`member_id`). `POST /v1/b2b/sessions/revoke` */
  revoke(data: B2BSessionsRevokeRequest, options?: B2BSessionsRevokeRequestOptions): Promise<B2BSessionsRevokeResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/sessions/revoke', headers: authorizationHeaders(options), data });
  }

  /** Exchanges a member session for one in another organization of the same person. `POST /v1/b2b/sessions/exchange` */
  exchange(data: B2BSessionsExchangeRequest): Promise<B2BSessionsExchangeResponse> {
    return request(this.#transport, { method: 'POST', path: '/v1/b2b/sessions/exchange', data });
  }

  /** The project's signing keys, with credentials. `GET /v1/b2b/sessions/jwks/{project_id}` */
  getJWKS(params: B2BSessionsGetJWKSRequest): Promise<B2BSessionsGetJWKSResponse> {
    return request(this.#transport, { method: 'GET', path: `/v1/b2b/sessions/jwks/${encodeURIComponent(params.project_id)}` });
  }

  /** Verifies a member session JWT locally, falling back to the API on any local failure. */
  authenticateJwt(params: B2BSessionsAuthenticateJwtRequest): Promise<B2BSessionsAuthenticateJwtResponse> {
    return authenticateLocalFirst(this.#transport, '/v1/b2b/sessions/authenticate', params, async () => ({
      member_session: await this.authenticateJwtLocal(params),
      session_jwt: params.session_jwt,
    }));
  }

  /** Verifies a member session JWT against the cached JWKS, without asking the API for the session. */
  async authenticateJwtLocal(params: B2BSessionsAuthenticateJwtLocalRequest): Promise<MemberSession> {
    const session = memberSessionFromClaims(await this.#verifier.verify(params.session_jwt, verifyOptions(params)));
    if (this.#revocations) await this.#revocations.assertNotRevoked(session.member_session_id);
    const check = params.authorization_check;
    if (check) {
      const subjectOrgID = session.organization_id;
      assertSameOrganization(subjectOrgID, check); // before fetching anything: a mismatch needs no policy
      const policyRoles = await this.#policy.rolesIn(subjectOrgID);
      performAuthorizationCheck({ policyRoles, subjectRoles: session.roles, subjectOrgID, authorizationCheck: check });
    }
    return session;
  }
}
