/**
 * Errors thrown by the SDK. The classes carry the fields of the official `stytch` package's errors, and
 * are also exported under its names (`StytchError`, `RequestError`, `ClientError`), so `instanceof` checks
 * and field reads keep working after the import is switched.
 *
 * - `TesseraError`: the API answered with an error body (HTTP status >= 400).
 * - `TesseraRequestError`: no usable answer: network failure, timeout, or a body that is not JSON.
 * - `ClientError` (from `@tessera/core`): a local check failed (`jwt_invalid`, `jwt_too_old`, ...).
 *
 * @module
 */
import type { ErrorBody } from '@tessera/core';

export { ClientError, type ClientErrorCode } from '@tessera/core';

/** The error body of the API (Stytch's API reference), as @tessera/core defines it. */
export type TesseraErrorJSON = ErrorBody;

/** The OAuth2-style error body some endpoints use; mapped onto the fields above as the official SDK does. */
export interface OAuth2ErrorJSON {
  status_code: number;
  request_id: string;
  error: string;
  error_description: string;
  error_uri: string;
}

export class TesseraError extends Error {
  override name = 'TesseraError';
  readonly status_code: number;
  readonly request_id: string;
  readonly error_type: string;
  readonly error_message: string;
  readonly error_url: string;
  readonly error_details: Record<string, unknown> | undefined;
  /**
   * What led here, when anything did. `sessions.authenticateJwt` sets it to the `ClientError` of the local
   * verification that failed before the API was asked, so a rejected token explains both steps.
   */
  override readonly cause: unknown;

  constructor(data: TesseraErrorJSON | OAuth2ErrorJSON, options?: { cause?: unknown }) {
    super(JSON.stringify(data)); // the official message: the error body itself
    this.status_code = data.status_code;
    this.request_id = data.request_id;
    if ('error' in data) {
      this.error_type = data.error;
      this.error_message = data.error_description;
      this.error_url = data.error_uri;
      this.error_details = undefined;
    } else {
      this.error_type = data.error_type;
      this.error_message = data.error_message;
      this.error_url = data.error_url;
      this.error_details = data.error_details;
    }
    this.cause = options?.cause;
  }
}

/** Why a request produced no API answer. */
export type RequestFailure = 'network' | 'timeout' | 'invalid_response';

/** The request a `TesseraRequestError` is about. The body is left out: it may hold passwords. */
export interface FailedRequest {
  method: string;
  url: string;
}

export class TesseraRequestError extends Error {
  override name = 'TesseraRequestError';
  readonly reason: RequestFailure;
  readonly request: FailedRequest;
  /** The HTTP status, when a response arrived but its body was unusable. */
  readonly status_code: number | undefined;
  override readonly cause: unknown;

  constructor(reason: RequestFailure, message: string, request: FailedRequest, options?: { cause?: unknown; status_code?: number }) {
    super(message);
    this.reason = reason;
    this.request = request;
    this.status_code = options?.status_code;
    this.cause = options?.cause;
  }
}
