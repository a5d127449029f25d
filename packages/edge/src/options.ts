/**
 * The single options object of `@tessera/edge`: the official plugin's arguments, plus Tessera's.
 *
 * @module
 */

/** Bindings of a Worker / Pages project (`context.env`). */
export type EdgeEnv = Record<string, unknown>;

/**
 * Where the project secret comes from: a string (as the official plugin), a KV namespace binding and key,
 * or a function of the bindings (a Workers secret: `(env) => env.STYTCH_SECRET`).
 */
export type SecretSource =
  | string
  | { kv: string; key: string }
  | ((env: EdgeEnv) => string | undefined | Promise<string | undefined>);

export interface SetCookieOptions {
  /** Default `/`. */
  path?: string;
  domain?: string;
  /** Default `Lax`. */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** Default: when the request URL is https. */
  secure?: boolean;
  /** Default `false`: the browser SDK reads `stytch_session_jwt`. */
  httpOnly?: boolean;
}

export interface TesseraEdgeOptions {
  /** Mandatory, as in the official plugin. */
  project_id: string;
  secret: SecretSource;
  /**
   * The API base, as the official plugin: `envs.test`, `envs.live`, or your server's
   * `https://auth.example.com/v1/`. A missing `/v1/` or trailing slash is added.
   */
  env: string;
  /** Authenticate this opaque token instead of the cookie. */
  session_token?: string;
  /** Authenticate this session JWT instead of the cookie. */
  session_jwt?: string;
  /** Extend the session on each API authenticate (as the official plugin). */
  session_duration_minutes?: number;

  /**
   * `"token"` (default, as the official plugin): every request is checked by `POST sessions/authenticate`.
   * `"jwt"`: the session JWT is verified locally against the project's JWKS; the API is called only when
   * the JWT is expired or signed by an unknown key (or only an opaque token is present).
   */
  mode?: 'token' | 'jwt';
  /**
   * Cookie names read, first present wins. Defaults: token `["session_token", "stytch_session"]`
   * (the official plugin's name, then the browser SDK's), JWT `["stytch_session_jwt"]`.
   */
  cookies?: { session_token?: string | string[]; session_jwt?: string | string[] };
  /** Name and attributes of the refreshed JWT cookie set in JWT mode. Default name: the first JWT cookie name. */
  set_cookie?: SetCookieOptions | false;
  /**
   * Opaque-token mode: reuse a successful authenticate for this long (isolate memory, bounded by the
   * session's `expires_at`). Default off. A revoked session stays accepted for up to `ttl_seconds`.
   */
  cache?: { ttl_seconds: number; max_entries?: number };
  /**
   * JWT mode: share the JWKS across isolates through a KV namespace binding (`{ kv: "BINDING" }`) or the
   * Cache API (`{ cache: true }` for `caches.default`, or a cache name). Always cached per isolate.
   */
  jwks_cache?: { kv: string } | { cache: true | string };
  /** JWT mode: accepted clock skew. Default 0 (as the official SDK). */
  clock_tolerance_seconds?: number;
  /**
   * Revocation seam: called with the session id of every session accepted without the API (a local JWT
   * or a cached authenticate). `true` rejects it. A revocation feed plugs in here.
   */
  isRevoked?: (sessionId: string, env: EdgeEnv) => boolean | Promise<boolean>;
  /**
   * Follow the server's revocation feed (`GET /v1/sessions/revocations`): a session revoked on the server
   * is refused by local JWT checks and token-cache hits once this isolate's list is older than
   * `max_staleness_ms` (default 5000), the bound. The list is synced on demand (one request per isolate
   * shared by concurrent requests, at most once per bound while fresh); when it cannot be synced, the
   * API decides instead of the local check (fail closed).
   */
  revocations?: { max_staleness_ms?: number };
  /** The fetch to use (tests, service bindings). Default `globalThis.fetch`, read at call time. */
  fetch?: typeof fetch;
}

export function cookieNames(v: string | string[] | undefined, fallback: string[]): string[] {
  if (v === undefined) return fallback;
  return Array.isArray(v) ? v : [v];
}

/** `http://h/` / `http://h` / `http://h/v1` → `http://h/v1/`. */
export function apiBase(env: string): string {
  if (typeof env !== 'string' || env === '') throw new TypeError('Missing "env" (the API base URL, e.g. envs.test)');
  let base = env.replace(/\/+$/, '');
  if (!/\/v1$/.test(base)) base += '/v1';
  new URL(base); // throws on a malformed URL
  return `${base}/`;
}
