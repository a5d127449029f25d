import 'server-only';
/**
 * The one path both server helpers take: the JWT cookie verified locally first (`authenticateJwt`, which
 * falls back to the API), else the opaque token checked with the API; null when neither names a live
 * session. `Client` and `B2BClient` both fit `SessionsApi`.
 *
 * @module
 */
import { type CookieSource, readSessionCookies } from './cookies.js';
import type { GetSessionOptions } from './get-session.js';
import { isNoSession } from './unauthenticated.js';

export interface SessionsApi<R> {
  authenticateJwt(params: { session_jwt: string; max_token_age_seconds?: number }): Promise<R>;
  authenticate(params: { session_token: string }): Promise<R>;
}

export async function sessionFromCookies<R>(sessions: SessionsApi<R>, cookies: CookieSource, options: GetSessionOptions): Promise<R | null> {
  const { session_token, session_jwt } = await readSessionCookies(cookies, options);
  if (session_jwt) {
    try {
      const maxAge = options.max_token_age_seconds;
      return await sessions.authenticateJwt({ session_jwt, ...(maxAge !== undefined ? { max_token_age_seconds: maxAge } : {}) });
    } catch (err) {
      if (!isNoSession(err)) throw err;
    }
  }
  if (!session_token) return null;
  try {
    return await sessions.authenticate({ session_token });
  } catch (err) {
    if (isNoSession(err)) return null;
    throw err;
  }
}
