/**
 * The flow both clients' `sessions.authenticateJwt` follow, as the official SDK does
 * (`stytch/dist/b2c/sessions.js`, `b2b/sessions.js`): `max_token_age_seconds: 0` goes straight to the API;
 * otherwise local verification is tried first, and on any local failure the API is asked with exactly the
 * fields the official SDK forwards. A `TesseraError` from the API carries the local failure as `cause`.
 *
 * @module
 */
import type { VerifyJwtOptions } from '@tessera/core';
import { request, type Transport } from './http/request.js';
import type { AuthenticateJwtLocalRequest, AuthenticateJwtRequest } from './types/common.js';

/**
 * `local()` when it succeeds, else `POST {path}` with the token. `path` is the client's
 * `sessions/authenticate` route.
 */
export async function authenticateLocalFirst<Local, Remote>(
  transport: Transport,
  path: string,
  params: AuthenticateJwtRequest<unknown>,
  local: () => Promise<Local>,
): Promise<Local | Remote> {
  if (params.max_token_age_seconds === 0) return authenticateRemotely(transport, path, params, undefined);
  let result: Local;
  try {
    result = await local();
  } catch (localFailure) {
    return authenticateRemotely(transport, path, params, localFailure);
  }
  return result;
}

function authenticateRemotely<Remote>(
  transport: Transport,
  path: string,
  params: AuthenticateJwtRequest<unknown>,
  localFailure: unknown,
): Promise<Remote> {
  return request<Remote>(transport, {
    method: 'POST',
    path,
    // Undefined fields vanish from the JSON body.
    data: {
      session_jwt: params.session_jwt,
      authorization_check: params.authorization_check,
      session_duration_minutes: params.session_duration_minutes,
      session_custom_claims: params.session_custom_claims,
    },
    cause: localFailure,
  });
}

/** The verifier's options for a call's `clock_tolerance_seconds`, `max_token_age_seconds`, `current_date`. */
export function verifyOptions(params: AuthenticateJwtLocalRequest<unknown>): VerifyJwtOptions {
  return {
    clockToleranceSeconds: params.clock_tolerance_seconds,
    maxTokenAgeSeconds: params.max_token_age_seconds,
    currentDate: params.current_date,
  };
}
