import { StytchError } from '@tessera/node';

/** Thrown by `requireSession` / `requireMemberSession` when the request has no live session. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  readonly status = 401;
  constructor() {
    super('No live session in the request cookies.');
  }
}

/** The API errors that mean "no such live session" (anything else, e.g. a wrong secret, is thrown). */
export function isNoSession(err: unknown): boolean {
  return err instanceof StytchError && (err.error_type === 'session_not_found' || err.error_type === 'invalid_session_jwt' || err.status_code === 404);
}
