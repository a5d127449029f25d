/**
 * What every console request goes through: the session cookie, the CSRF check on writes, the security
 * headers, and the page context a handler renders with.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../domain/context.js';
import { adminOfToken, csrfTokenMatches, csrfTokenOf } from '../../domain/admin/admin-session.js';
import { ADMIN_POLICY } from '../../domain/admin/admin-policy.js';
import type { AdminAccountRecord } from '../../store/admin-stores.js';
import type { PageContext } from './layout.js';
import type { Html } from './html.js';

export const COOKIE = 'tessera_admin';

/**
 * No script at all, styles only from the console's stylesheet, forms only to itself, never framed. The
 * console is plain HTML forms, so nothing it needs is forbidden.
 */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Plain http is only acceptable on the loopback interface (development); anywhere else the cookie is `Secure`. */
function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}

export function sessionCookie(req: FastifyRequest, token: string | null): string {
  const secure = isLoopbackHost(req.headers.host) ? '' : '; Secure';
  const life = token === null ? 'Max-Age=0' : `Max-Age=${Math.floor(ADMIN_POLICY.sessionMaxMs / 1000)}`;
  return `${COOKIE}=${token ?? ''}; Path=/admin; HttpOnly; SameSite=Strict; ${life}${secure}`;
}

/**
 * A write from another site: its `Origin` (sent by every current browser on a POST) names another host.
 * SameSite=Strict already keeps the cookie off such requests; this refuses them before anything runs.
 */
export function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export interface SignedInOperator {
  account: AdminAccountRecord;
  token: string;
  csrf: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    operator: SignedInOperator | null;
  }
}

/** Resolves the cookie's operator onto `req.operator` (null when signed out or expired). */
export async function resolveOperator(deps: Deps, req: FastifyRequest): Promise<SignedInOperator | null> {
  const token = cookieValue(req.headers.cookie, COOKIE);
  const found = token ? await adminOfToken(deps, token) : null;
  req.operator = found && token ? { account: found.account, token, csrf: csrfTokenOf(token) } : null;
  return req.operator;
}

/** Whether a write carries the session's CSRF token (form field `_csrf`) and comes from this site. */
export function csrfOk(req: FastifyRequest): boolean {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return !crossSite(req) && req.operator !== null && csrfTokenMatches(req.operator.token, body._csrf);
}

export function pageContext(req: FastifyRequest, projectId?: string): PageContext {
  return { username: req.operator?.account.username ?? null, csrf: req.operator?.csrf ?? null, projectId };
}

export function sendPage(reply: FastifyReply, status: number, body: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.text);
}

/** A form's fields (application/x-www-form-urlencoded), each its last value; missing ones are ''. */
export function field(req: FastifyRequest, name: string): string {
  const v = ((req.body ?? {}) as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}
