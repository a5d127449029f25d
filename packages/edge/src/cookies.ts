/**
 * Cookie parsing and serialization, tolerant where the official plugin's `cookie.parse(null)` throws:
 * a missing header is an empty jar.
 *
 * @module
 */

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  if (!header) return jar;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || jar.has(name)) continue; // the first occurrence wins, as `cookie.parse`
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    jar.set(name, value);
  }
  return jar;
}

export interface CookieAttributes {
  path?: string;
  domain?: string;
  expires?: Date;
  sameSite?: 'Lax' | 'Strict' | 'None';
  secure?: boolean;
  httpOnly?: boolean;
}

export function serializeCookie(name: string, value: string, a: CookieAttributes = {}): string {
  let s = `${name}=${encodeURIComponent(value)}`;
  if (a.path) s += `; Path=${a.path}`;
  if (a.domain) s += `; Domain=${a.domain}`;
  if (a.expires) s += `; Expires=${a.expires.toUTCString()}`;
  if (a.sameSite) s += `; SameSite=${a.sameSite}`;
  if (a.secure || a.sameSite === 'None') s += '; Secure';
  if (a.httpOnly) s += '; HttpOnly';
  return s;
}
