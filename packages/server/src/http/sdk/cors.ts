/**
 * Credentialed CORS for the frontend API. The browser SDK calls `fetch(url, { credentials: 'include' })`,
 * so a grant must echo the exact `Origin` (never `*`) with `Access-Control-Allow-Credentials: true`.
 * Which origins are granted is decided in domain/sdk (per project, and for preflights by origin alone);
 * an origin that is not granted gets no `Access-Control-*` header at all.
 *
 * @module
 */
import type { FastifyReply } from 'fastify';

export const ALLOWED_HEADERS = 'Authorization, Content-Type, X-SDK-Client, X-SDK-Parent-Host';
export const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
/** How long a browser may reuse a preflight answer (seconds; Chromium caps it at 7200). */
const PREFLIGHT_MAX_AGE = '600';

/** Every `/sdk/v1` answer depends on the request's Origin: caches must key on it. */
export function varyOrigin(reply: FastifyReply): void {
  reply.header('vary', 'Origin');
}

export function grantCors(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
}

export function grantPreflight(reply: FastifyReply, origin: string): void {
  grantCors(reply, origin);
  reply.header('access-control-allow-methods', ALLOWED_METHODS);
  reply.header('access-control-allow-headers', ALLOWED_HEADERS);
  reply.header('access-control-max-age', PREFLIGHT_MAX_AGE);
}

/** The request's Origin header (a single value), or undefined for a same-origin or server-side request. */
export function originOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const o = headers.origin;
  return Array.isArray(o) ? o[0] : o;
}
