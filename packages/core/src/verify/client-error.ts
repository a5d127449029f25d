/**
 * The error for failures found on the client side, without the API: the same class shape and codes as
 * the official `stytch` package's `ClientError` (`code: message: cause`).
 *
 * @module
 */

/**
 * Codes the official SDK uses for local failures; Tessera adds none. `tenancy_mismatch`: a B2B
 * `authorization_check` names another organization than the member session's.
 */
export type ClientErrorCode = 'jwt_invalid' | 'jwt_too_old' | 'invalid_permissions' | 'missing_scopes' | 'tenancy_mismatch';

export class ClientError extends Error {
  override name = 'ClientError';
  readonly code: ClientErrorCode;
  override readonly cause: unknown;

  constructor(code: ClientErrorCode, message: string, cause?: unknown) {
    super(cause === undefined ? `${code}: ${message}` : `${code}: ${message}: ${String(cause)}`);
    this.code = code;
    this.cause = cause;
  }
}
