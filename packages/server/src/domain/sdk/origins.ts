/**
 * Which browser origins may call the frontend API of a project.
 *
 * Decisions:
 * - An origin is `scheme://host[:port]` with scheme http or https, nothing else (no path, query, fragment
 *   or user info); it is stored normalized as the WHATWG URL `origin` (lower-case host, default port
 *   dropped), which is what browsers send in the `Origin` header, so matching is exact string equality.
 * - A test project accepts any `http://localhost:<port>` and `http://127.0.0.1:<port>` out of the box
 *   (development servers); a live project accepts only what is listed (`tessera project origins add`).
 * - `Origin: null` (sandboxed iframes, file:// pages) is never allowed.
 *
 * @module
 */
import type { Env } from '@tessera/core';
import { ApiError } from '../errors.js';

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/** The normalized origin, or a 400 `invalid_argument` saying what is wrong. */
export function normalizeOrigin(input: string): string {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError('invalid_argument', `"${raw.slice(0, 200)}" is not an origin; use scheme://host[:port], e.g. https://app.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('invalid_argument', 'An origin must use http or https.');
  if (url.username || url.password) throw new ApiError('invalid_argument', 'An origin has no user name or password.');
  // `new URL('https://a.com')` has pathname '/', so the path is judged on the text itself.
  const afterHost = raw.slice(url.protocol.length + 2).replace(/^[^/?#]*/, '');
  if (afterHost !== '' && afterHost !== '/') throw new ApiError('invalid_argument', 'An origin has no path, query or fragment: scheme://host[:port].');
  if (!url.hostname) throw new ApiError('invalid_argument', 'An origin needs a host.');
  return url.origin;
}

/** Loopback development origins every test project accepts. */
export const isLoopbackDevOrigin = (origin: string): boolean => LOOPBACK.test(origin);

/** Whether a request from `origin` may reach a project of `env` that lists `listed`. */
export function originAllowed(origin: string, env: Env, listed: readonly string[]): boolean {
  if (origin === 'null') return false;
  if (env === 'test' && isLoopbackDevOrigin(origin)) return true;
  return listed.includes(origin);
}
