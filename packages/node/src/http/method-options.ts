/**
 * The second argument of B2B mutations in the official SDK (`stytch/dist/shared/method_options.js`):
 * `{ authorization: { session_token?, session_jwt? } }` becomes the `X-Stytch-Member-Session` /
 * `X-Stytch-Member-SessionJWT` headers, and the server runs the call with that member's RBAC permissions.
 *
 * @module
 */

/** A member session to act as. Give one of the two; the server refuses both at once. */
export interface Authorization {
  session_token?: string;
  session_jwt?: string;
}

/** The options argument of the B2B methods that accept one (`B2BOrganizationsUpdateRequestOptions`, ...). */
export interface MethodOptions {
  authorization?: Authorization;
}

/** The headers for `options`, or `undefined` when there are none (empty strings are left out, as the official). */
export function authorizationHeaders(options: MethodOptions | undefined): Record<string, string> | undefined {
  const auth = options?.authorization;
  if (!auth) return undefined;
  const headers: Record<string, string> = {};
  if (auth.session_token) headers['X-Stytch-Member-Session'] = auth.session_token;
  if (auth.session_jwt) headers['X-Stytch-Member-SessionJWT'] = auth.session_jwt;
  return headers;
}
