import type { ErrorType } from '@tessera/core';

/**
 * A refusal the client can act on, carrying a Stytch `error_type` from the registry in @tessera/core.
 * The HTTP layer turns it into the Stytch error body; anything else thrown is a bug (500).
 */
export class ApiError extends Error {
  constructor(
    readonly type: ErrorType,
    message?: string,
    readonly details?: Record<string, unknown>,
    /** For 429s: when the client may try again (sent as `Retry-After`, in whole seconds). */
    readonly retry?: { retryAfterMs: number },
  ) {
    super(message ?? type);
    this.name = 'ApiError';
    this.hasMessage = message !== undefined;
  }

  /** False when the registry's default message should be used. */
  readonly hasMessage: boolean;
}
