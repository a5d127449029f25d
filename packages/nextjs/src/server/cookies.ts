/**
 * Reading the session cookies on a server, from whatever Next.js hands over: `await cookies()` (or the
 * promise itself) in server components, route handlers and server actions, `request.cookies` in
 * middleware, or any `{ get(name) }`.
 *
 * @module
 */

/** The shape of Next's `ReadonlyRequestCookies` / `RequestCookies` that the helpers use. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

export type CookieSource = CookieReader | Promise<CookieReader>;

/** Cookie names, when the browser client was configured with other ones (its `cookieOptions`). */
export interface SessionCookieNames {
  /** Default `stytch_session`. */
  opaqueTokenCookieName?: string;
  /** Default `stytch_session_jwt`. */
  jwtCookieName?: string;
}

export async function readSessionCookies(source: CookieSource, names: SessionCookieNames = {}): Promise<{ session_token: string | null; session_jwt: string | null }> {
  const jar = await source;
  return {
    session_token: jar.get(names.opaqueTokenCookieName ?? 'stytch_session')?.value || null,
    session_jwt: jar.get(names.jwtCookieName ?? 'stytch_session_jwt')?.value || null,
  };
}
