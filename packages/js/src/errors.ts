/**
 * Errors of the browser client. An API error keeps the Stytch error body's fields;
 * a request that got no answer is an `APIUnreachableError`, which never logs the browser out.
 *
 * @module
 */

/** The error types after which the browser drops its session (docs/architecture.md, "Frontend API"). */
export const UNRECOVERABLE_ERROR_TYPES: readonly string[] = Object.freeze([
  'unauthorized_credentials',
  'user_unauthenticated',
  'invalid_secret_authentication',
  'session_not_found',
]);

/** A non-2xx answer of the frontend API. */
export class TesseraAPIError extends Error {
  override readonly name = 'StytchAPIError';
  readonly status_code: number;
  readonly error_type: string;
  readonly error_message: string;
  readonly error_url: string;
  readonly request_id: string | undefined;

  constructor(body: { status_code: number; error_type: string; error_message?: string; error_url?: string; request_id?: string }) {
    super(`[${body.status_code}] ${body.error_type}${body.error_message ? `\n${body.error_message}` : ''}`);
    this.status_code = body.status_code;
    this.error_type = body.error_type;
    this.error_message = body.error_message ?? '';
    this.error_url = body.error_url ?? '';
    this.request_id = body.request_id;
  }
}

/** The server could not be reached, or answered something that is not the API's JSON. */
export class TesseraAPIUnreachableError extends Error {
  override readonly name = 'StytchAPIUnreachableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A method that needs the browser was called while rendering on the server. */
export class TesseraSSRError extends Error {
  override readonly name = 'StytchSSRError';
  constructor(method: string) {
    super(`${method} can only be called in the browser; on the server, use the helpers of @tessera/nextjs/server or @tessera/node.`);
  }
}

/** Whether `err` must log the browser out (an API error of an unrecoverable type). */
export function isUnrecoverableError(err: unknown): boolean {
  return err instanceof TesseraAPIError && UNRECOVERABLE_ERROR_TYPES.includes(err.error_type);
}
