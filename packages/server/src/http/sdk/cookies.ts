/**
 * HttpOnly session cookies (opt-in per project: `tessera project cookies --http-only on`), beyond Stytch.
 *
 * In this mode the frontend API itself sets `stytch_session` (opaque token) and `stytch_session_jwt`
 * with `HttpOnly; Secure; SameSite=Lax; Path=/`, expiring with the session (as the SDK's own cookies do,
 * docs/architecture.md, "Frontend API"), and answers with empty `session_token` / `session_jwt`. The official SDK reads
 * empty tokens as "HttpOnly mode" and keeps no token readable by page scripts, so an XSS cannot steal a
 * session. Session routes then take the token from the cookie when the Basic password part is the public
 * token (which is what the SDK sends when it holds no token).
 *
 * When it applies: the browser sends these cookies only on requests to the API's own host, and SameSite=Lax
 * keeps them off cross-site subrequests; so the API and the app must be on one site (same registrable
 * domain, e.g. app.example.com and auth.example.com; any port of localhost counts as one site). An app on
 * another site would see its session vanish; keep the mode off there.
 *
 * `Secure` is dropped only when the request reached the API over plain HTTP on a loopback host (localhost,
 * 127.x.x.x, [::1]): the same exception the SDK makes for its own cookies, because some browsers (Safari)
 * refuse `Secure` cookies from http://localhost, which would make the mode unusable in development.
 * Everywhere else `Secure` stays, so a cookie can never travel in clear text.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'stytch_session';
export const JWT_COOKIE = 'stytch_session_jwt';

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function secureAttribute(req: FastifyRequest): string {
  const host = (req.host ?? '').replace(/:\d+$/, '');
  return req.protocol === 'http' && LOOPBACK_HOST.test(host) ? '' : '; Secure';
}

function cookie(req: FastifyRequest, name: string, value: string, expires: Date): string {
  const maxAge = value === '' ? '; Max-Age=0' : '';
  return `${name}=${value}; Path=/; Expires=${expires.toUTCString()}${maxAge}; HttpOnly${secureAttribute(req)}; SameSite=Lax`;
}

/** Sets both session cookies, expiring with the session. Tokens are base64url / JWT: no escaping needed. */
export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, token: string, jwt: string, expiresAt: string): void {
  const expires = new Date(expiresAt);
  reply.header('set-cookie', [cookie(req, SESSION_COOKIE, token, expires), cookie(req, JWT_COOKIE, jwt, expires)]);
}

export function clearSessionCookies(req: FastifyRequest, reply: FastifyReply): void {
  const past = new Date(0);
  reply.header('set-cookie', [cookie(req, SESSION_COOKIE, '', past), cookie(req, JWT_COOKIE, '', past)]);
}

/** The value of one cookie of the request, or null. */
export function readCookie(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie;
  if (!header || header.length > 16_384) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      return v === '' ? null : v;
    }
  }
  return null;
}
