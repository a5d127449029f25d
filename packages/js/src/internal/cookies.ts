/**
 * The session cookies, written from script as the official SDK writes them (docs/architecture.md, "Frontend API"):
 * `Expires` = the session's expiry (not the JWT's), `SameSite=Lax`, `Path`, `Secure` except on a loopback
 * host, `Domain` only with `availableToSubdomains` (never on localhost). Not HttpOnly: a script writes them.
 *
 * @module
 */
import type { ResolvedOptions } from '../options.js';

const LOOPBACK = /^(localhost|\[::1\]|127(?:\.\d{1,3}){3})$/i;

export interface CookieAttributes {
  expires: Date;
  path: string;
  domain?: string | undefined;
  secure: boolean;
}

/** `name=value; Expires=...; Path=...; [Domain=...;] SameSite=Lax[; Secure]`. */
export function serializeCookie(name: string, value: string, a: CookieAttributes): string {
  let s = `${name}=${encodeURIComponent(value)}; Expires=${a.expires.toUTCString()}; Path=${a.path}`;
  if (a.domain) s += `; Domain=${a.domain}`;
  s += '; SameSite=Lax';
  if (a.secure) s += '; Secure';
  return s;
}

/** The attributes for this page (`location`) and these options. */
export function cookieAttributes(location: Pick<Location, 'hostname' | 'host'>, o: ResolvedOptions['cookies'], expires: Date): CookieAttributes {
  const loopback = LOOPBACK.test(location.hostname);
  const domain = o.availableToSubdomains && !loopback ? (o.domain ?? location.host) : undefined;
  return { expires, path: o.path, domain, secure: !loopback };
}

/** A cookie's value from `document.cookie`, or null. */
export function readCookie(doc: Pick<Document, 'cookie'>, name: string): string | null {
  for (const part of doc.cookie.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      const value = part.slice(i + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

export class SessionCookies {
  constructor(
    private readonly doc: Pick<Document, 'cookie'>,
    private readonly location: Pick<Location, 'hostname' | 'host'>,
    private readonly options: ResolvedOptions['cookies'],
  ) {}

  get token(): string | null {
    return readCookie(this.doc, this.options.opaqueTokenCookieName) || null;
  }

  get jwt(): string | null {
    return readCookie(this.doc, this.options.jwtCookieName) || null;
  }

  write(token: string, jwt: string, expiresAt: string): void {
    const a = cookieAttributes(this.location, this.options, new Date(expiresAt));
    this.doc.cookie = serializeCookie(this.options.opaqueTokenCookieName, token, a);
    this.doc.cookie = serializeCookie(this.options.jwtCookieName, jwt, a);
  }

  /** Removes both cookies under every path/domain combination they may have been written with. */
  clear(): void {
    const past = new Date(0);
    const domains = [undefined, this.options.domain, this.location.hostname, `.${this.location.hostname}`];
    for (const path of new Set([this.options.path, '/'])) {
      for (const domain of new Set(domains)) {
        for (const name of [this.options.opaqueTokenCookieName, this.options.jwtCookieName]) {
          this.doc.cookie = serializeCookie(name, '', { expires: past, path, domain, secure: false });
        }
      }
    }
  }
}
