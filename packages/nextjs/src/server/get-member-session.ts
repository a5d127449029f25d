import 'server-only';
/**
 * The B2B member session of a request, from its cookies, through @tessera/node's `B2BClient` (local-first
 * JWT, else the opaque token with the API): the seed's route handler and middleware in one call.
 *
 * @example
 * ```ts
 * // middleware.ts
 * const found = await getMemberSession(b2b, req.cookies);
 * if (!found) return NextResponse.redirect(new URL('/login', req.nextUrl));
 * ```
 * @module
 */
import type { B2BClient, MemberSession } from '@tessera/node';
import { type CookieSource, readSessionCookies } from './cookies.js';
import type { GetSessionOptions } from './get-session.js';
import { isNoSession, UnauthenticatedError } from './unauthenticated.js';

export async function getMemberSession(client: B2BClient, cookies: CookieSource, options: GetSessionOptions = {}): Promise<{ member_session: MemberSession; session_jwt: string } | null> {
  const { session_token, session_jwt } = await readSessionCookies(cookies, options);
  if (session_jwt) {
    try {
      const r = await client.sessions.authenticateJwt({ session_jwt, ...(options.max_token_age_seconds !== undefined ? { max_token_age_seconds: options.max_token_age_seconds } : {}) });
      return { member_session: r.member_session, session_jwt: r.session_jwt };
    } catch (err) {
      if (!isNoSession(err)) throw err;
      if (!session_token) return null;
    }
  }
  if (!session_token) return null;
  try {
    const r = await client.sessions.authenticate({ session_token });
    return { member_session: r.member_session, session_jwt: r.session_jwt };
  } catch (err) {
    if (isNoSession(err)) return null;
    throw err;
  }
}

/** The member session; throws `UnauthenticatedError` (status 401) when there is none. */
export async function requireMemberSession(client: B2BClient, cookies: CookieSource, options: GetSessionOptions = {}): Promise<{ member_session: MemberSession; session_jwt: string }> {
  const found = await getMemberSession(client, cookies, options);
  if (!found) throw new UnauthenticatedError();
  return found;
}
