import 'server-only';
/**
 * `@tessera/nextjs/server`: helpers for route handlers, middleware and server actions, over @tessera/node
 * (`Client` / `B2BClient`, local-first JWT). Importing this module from a client component fails the build
 * (`server-only`).
 *
 * @module
 */
export { getSession, requireSession, type GetSessionOptions } from './get-session.js';
export { getMemberSession, requireMemberSession } from './get-member-session.js';
export { readSessionCookies, type CookieReader, type CookieSource, type SessionCookieNames } from './cookies.js';
export { UnauthenticatedError } from './unauthenticated.js';
export { Client, B2BClient, StytchError } from '@tessera/node';
