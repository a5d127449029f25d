import type { MemberSessionCredentials } from '../../../domain/b2b/sessions/live-member-session.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * The `X-Stytch-Member-Session` / `X-Stytch-Member-SessionJWT` headers the official client adds for
 * `options.authorization` (`stytch/dist/shared/method_options.js`); the mutation then runs with that
 * member's permissions.
 */
export function memberSessionHeaders(headers: Record<string, string | string[] | undefined>): MemberSessionCredentials {
  return { session_token: first(headers['x-stytch-member-session']), session_jwt: first(headers['x-stytch-member-sessionjwt']) };
}
