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
import type { CookieSource } from './cookies.js';
import type { GetSessionOptions } from './get-session.js';
import { sessionFromCookies } from './session-from-cookies.js';
import { UnauthenticatedError } from './unauthenticated.js';

/** The member session, or null when the cookies hold no live one. */
export async function getMemberSession(client: B2BClient, cookies: CookieSource, options: GetSessionOptions = {}): Promise<{ member_session: MemberSession; session_jwt: string } | null> {
  const r = await sessionFromCookies(client.sessions, cookies, options);
  return r && { member_session: r.member_session, session_jwt: r.session_jwt };
}

/** The member session; throws `UnauthenticatedError` (status 401) when there is none. */
export async function requireMemberSession(client: B2BClient, cookies: CookieSource, options: GetSessionOptions = {}): Promise<{ member_session: MemberSession; session_jwt: string }> {
  const found = await getMemberSession(client, cookies, options);
  if (!found) throw new UnauthenticatedError();
  return found;
}
