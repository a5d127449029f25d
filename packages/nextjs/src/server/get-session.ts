import 'server-only';
/**
 * The consumer session of a request, from its cookies, through @tessera/node: the JWT verified locally
 * first (`authenticateJwt`, falling back to the API), else the opaque token checked with the API.
 *
 * @example
 * ```ts
 * // app/api/profile/route.ts
 * import { cookies } from 'next/headers';
 * import { getSession } from '@tessera/nextjs/server';
 * const session = await getSession(client, cookies());
 * if (!session) return new Response(null, { status: 401 });
 * ```
 * @module
 */
import type { Client, Session } from '@tessera/node';
import type { CookieSource, SessionCookieNames } from './cookies.js';
import { sessionFromCookies } from './session-from-cookies.js';
import { UnauthenticatedError } from './unauthenticated.js';

export interface GetSessionOptions extends SessionCookieNames {
  /** Accept a JWT verified locally only if issued within this many seconds (else ask the API). */
  max_token_age_seconds?: number;
}

/** The session, or null when the cookies hold no live one. */
export async function getSession(client: Client, cookies: CookieSource, options: GetSessionOptions = {}): Promise<{ session: Session; session_jwt: string } | null> {
  const r = await sessionFromCookies(client.sessions, cookies, options);
  return r && { session: r.session, session_jwt: r.session_jwt };
}

/** The session; throws `UnauthenticatedError` (status 401) when there is none. */
export async function requireSession(client: Client, cookies: CookieSource, options: GetSessionOptions = {}): Promise<{ session: Session; session_jwt: string }> {
  const found = await getSession(client, cookies, options);
  if (!found) throw new UnauthenticatedError();
  return found;
}
