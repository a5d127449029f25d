/**
 * Options of `createTesseraClient` / `createTesseraB2BClient`, resolved once and frozen.
 *
 * @module
 */

/** Names and attributes of the session cookies (docs/architecture.md, "Frontend API"); every field optional. */
export interface CookieOptions {
  /** Cookie holding the opaque session token. Default `stytch_session`. */
  opaqueTokenCookieName?: string;
  /** Cookie holding the session JWT. Default `stytch_session_jwt`. */
  jwtCookieName?: string;
  /** Cookie path. Default `/`. */
  path?: string;
  /** Set `Domain` so subdomains see the cookies (never on localhost). Default false. */
  availableToSubdomains?: boolean;
  /** The `Domain` when `availableToSubdomains` is true. Default the page's host. */
  domain?: string;
}

/** The clock and timers the session refresh uses; inject them in tests. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TesseraClientOptions {
  /**
   * Where the Tessera server is, e.g. `https://auth.example.com` or `http://127.0.0.1:4000`: scheme, host,
   * port and an optional path prefix, used verbatim (requests go to `${baseUrl}/sdk/v1/...`).
   * Either this or `endpoints` is required: the client never calls a vendor's host.
   */
  baseUrl?: string;
  /** The official SDK's spelling: the URL for `public-token-test-*` tokens and for live ones. */
  endpoints?: { testAPIURL?: string; liveAPIURL?: string };
  cookieOptions?: CookieOptions;
  /** Extend the session on every 3-minute refresh by the duration of the last login. Default false. */
  keepSessionAlive?: boolean;
  /** The fetch to call. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Clock and timers of the refresh. Default the global ones. */
  timers?: Timers;
  /** Where state is persisted. Default `window.localStorage`. */
  storage?: Storage;
}

export interface ResolvedOptions {
  publicToken: string;
  baseUrl: string;
  cookies: Required<Omit<CookieOptions, 'domain'>> & { domain: string | undefined };
  keepSessionAlive: boolean;
  fetch: typeof fetch;
  timers: Timers;
}

const globalTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/** Resolves the options; throws when no base URL is given (a configuration error, found at start). */
export function resolveOptions(publicToken: string, options: TesseraClientOptions): ResolvedOptions {
  if (typeof publicToken !== 'string' || publicToken === '') throw new TypeError('createTesseraClient: a public token is required.');
  const isTest = publicToken.includes('public-token-test');
  const base = options.baseUrl ?? (isTest ? options.endpoints?.testAPIURL : options.endpoints?.liveAPIURL);
  if (!base) throw new TypeError('createTesseraClient: set `baseUrl` (the URL of your Tessera server), e.g. { baseUrl: "https://auth.example.com" }.');
  const fetchFn = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const c = options.cookieOptions ?? {};
  return Object.freeze({
    publicToken,
    baseUrl: base.replace(/\/+$/, ''),
    cookies: Object.freeze({
      opaqueTokenCookieName: c.opaqueTokenCookieName ?? 'stytch_session',
      jwtCookieName: c.jwtCookieName ?? 'stytch_session_jwt',
      path: c.path ?? '/',
      availableToSubdomains: c.availableToSubdomains ?? false,
      domain: c.domain,
    }),
    keepSessionAlive: options.keepSessionAlive ?? false,
    fetch: fetchFn,
    timers: options.timers ?? globalTimers,
  });
}
