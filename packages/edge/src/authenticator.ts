/**
 * The runtime-neutral core of `@tessera/edge`: from a `Request` and the bindings to either the validated
 * authenticate response (what the official plugin puts on `data.stytch.session`) or a 401/5xx response
 * with a Stytch-shaped JSON body. No `node:*` import; Web APIs only.
 *
 * Per-isolate state (the JWKS, the optional token cache) is kept in a module-level registry keyed by
 * project and API base, so a plugin built per request (`(ctx) => tesseraPlugin({...ctx.env})(ctx)`)
 * still reuses it.
 *
 * @module
 */
import {
  ClientError,
  JwksFetchError,
  JwksNoMatchingKeyError,
  RevocationList,
  SessionVerifier,
  errorBody,
  type RevocationsResponse,
  type ErrorType,
  type Session,
} from '@tessera/core';
import { parseCookies, serializeCookie } from './cookies.js';
import { apiBase, cookieNames, type EdgeEnv, type TesseraEdgeOptions } from './options.js';
import { resolveSecret } from './secret.js';

/** What downstream handlers get as `data.stytch` (the official plugin's shape). */
export interface StytchData {
  /** The authenticate response body; locally verified JWTs give `{status_code, request_id, session, session_jwt}`. */
  session: AuthenticateResult;
}

export interface AuthenticateResult {
  status_code: number;
  request_id: string;
  session: Session;
  session_jwt: string;
  session_token?: string;
  user?: Record<string, unknown>;
  [key: string]: unknown;
}

export type AuthOutcome =
  | {
      ok: true;
      data: StytchData;
      /** How it was validated: by the API, from the token cache, or locally from the JWT. */
      source: 'api' | 'cache' | 'local';
      /** `Set-Cookie` values to add to the downstream response (the refreshed JWT in JWT mode). */
      setCookies: string[];
    }
  | { ok: false; response: Response };

interface IsolateState {
  verifier?: SessionVerifier;
  /** Bindings of the latest request, read by the shared-JWKS fetch. */
  env: EdgeEnv;
  tokens: Map<string, { value: AuthenticateResult; until: number }>;
  /** The revocation feed's list (option `revocations`), and its sync in flight. */
  revocations?: RevocationList;
  revocationSync?: Promise<boolean> | undefined;
}

/** What the revocation checks know of a session: `unknown` when the feed could not be synced (ask the API). */
type Revoked = boolean | 'unknown';

const DEFAULT_MAX_STALENESS_MS = 5_000;

const isolates = new Map<string, IsolateState>();

const ASK_API = Symbol('ask the API');

const DEFAULT_TOKEN_COOKIES = ['session_token', 'stytch_session'];
const DEFAULT_JWT_COOKIES = ['stytch_session_jwt'];

export class EdgeAuthenticator {
  readonly options: TesseraEdgeOptions;
  readonly base: string;
  readonly #tokenCookies: string[];
  readonly #jwtCookies: string[];
  readonly #state: IsolateState;

  constructor(options: TesseraEdgeOptions) {
    if (!options || typeof options.project_id !== 'string' || options.project_id === '') {
      throw new TypeError('Missing "project_id"');
    }
    if (options.secret === undefined || options.secret === null || options.secret === '') throw new TypeError('Missing "secret"');
    if (options.mode !== undefined && options.mode !== 'token' && options.mode !== 'jwt') {
      throw new TypeError('"mode" must be "token" or "jwt"');
    }
    const ttl = options.cache?.ttl_seconds;
    if (ttl !== undefined && (!Number.isFinite(ttl) || ttl < 0)) throw new TypeError('"cache.ttl_seconds" must be a non-negative number');
    const maxStaleness = options.revocations?.max_staleness_ms;
    if (maxStaleness !== undefined && (!Number.isFinite(maxStaleness) || maxStaleness < 0)) {
      throw new TypeError('"revocations.max_staleness_ms" must be a non-negative number of ms');
    }
    this.options = options;
    this.base = apiBase(options.env);
    this.#tokenCookies = cookieNames(options.cookies?.session_token, DEFAULT_TOKEN_COOKIES);
    this.#jwtCookies = cookieNames(options.cookies?.session_jwt, DEFAULT_JWT_COOKIES);
    const key = `${options.project_id} ${this.base} ${JSON.stringify([options.jwks_cache ?? null, options.clock_tolerance_seconds ?? 0])}`;
    let state = isolates.get(key);
    if (!state) {
      state = { env: {}, tokens: new Map() };
      isolates.set(key, state);
    }
    this.#state = state;
  }

  async authenticate(request: Request, env: EdgeEnv = {}): Promise<AuthOutcome> {
    const o = this.options;
    // Unlike the official plugin, a request without any Cookie header is just unauthenticated.
    const cookies = parseCookies(request.headers.get('Cookie'));
    const token = o.session_token ?? (o.session_jwt === undefined ? first(cookies, this.#tokenCookies) : undefined);
    const jwt = o.session_jwt ?? (o.session_token === undefined ? first(cookies, this.#jwtCookies) : undefined);
    if (!token && !jwt) return this.#reject('No session token or session JWT in the request.', undefined);

    if (o.mode === 'jwt' && jwt) {
      const local = await this.#verifyLocally(jwt, env, token);
      if (local !== ASK_API) return local;
      // Expired, unknown key or JWKS unreachable: the API decides, and its fresh JWT is set as a cookie.
      const outcome = await this.#api({ session_jwt: jwt }, env, undefined);
      if (outcome.ok && outcome.data.session.session_jwt && outcome.data.session.session_jwt !== jwt && o.set_cookie !== false) {
        outcome.setCookies.push(this.#jwtCookie(outcome.data.session, request));
      }
      return outcome;
    }
    const body = token ? { session_token: token } : { session_jwt: jwt! };
    return this.#api(body, env, token ?? jwt!);
  }

  /** The outcome of a local check, or `ASK_API` when only the API can tell (expired JWT, unknown key). */
  async #verifyLocally(jwt: string, env: EdgeEnv, token: string | undefined): Promise<AuthOutcome | typeof ASK_API> {
    const verifier = this.#verifier(env);
    let session: Session;
    try {
      session = await verifier.authenticate(jwt);
    } catch (err) {
      if (askApi(err)) return ASK_API;
      // A bad JWT beside a usable opaque token: let the API judge the token.
      if (token) return this.#api({ session_token: token }, env, token);
      return this.#reject('The session JWT is invalid.', undefined);
    }
    const revoked = await this.#revoked(session.session_id, env);
    if (revoked === 'unknown') return ASK_API;
    if (revoked) return this.#reject('The session has been revoked.', undefined);
    const result: AuthenticateResult = { status_code: 200, request_id: requestId(), session, session_jwt: jwt };
    if (token) result.session_token = token;
    return { ok: true, data: { session: result }, source: 'local', setCookies: [] };
  }

  async #api(body: Record<string, unknown>, env: EdgeEnv, cacheKey: string | undefined): Promise<AuthOutcome> {
    const o = this.options;
    const ttlMs = (o.cache?.ttl_seconds ?? 0) * 1000;
    const cacheable = cacheKey !== undefined && ttlMs > 0;
    if (cacheable) {
      const hit = this.#state.tokens.get(cacheKey);
      if (hit && Date.now() < hit.until) {
        const revoked = await this.#revoked(hit.value.session.session_id, env);
        if (revoked === true) {
          this.#state.tokens.delete(cacheKey);
          return this.#reject('The session has been revoked.', undefined);
        }
        if (revoked === false) return { ok: true, data: { session: hit.value }, source: 'cache', setCookies: [] };
        // The feed could not be synced: the API decides below.
      }
      if (hit) this.#state.tokens.delete(cacheKey);
    }

    let secret: string;
    try {
      secret = await resolveSecret(o.secret, env);
    } catch (err) {
      return this.#error('internal_server_error', (err as Error).message);
    }
    if (o.session_duration_minutes !== undefined) body.session_duration_minutes = o.session_duration_minutes;
    const fetchImpl = o.fetch ?? globalThis.fetch;
    let res: Response;
    try {
      res = await fetchImpl(`${this.base}sessions/authenticate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${o.project_id}:${secret}`)}` },
        body: JSON.stringify(body),
        redirect: 'manual',
      });
    } catch {
      return this.#error('service_unavailable', 'The session server could not be reached.');
    }
    let json: Record<string, unknown> | undefined;
    try {
      json = (await res.json()) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    if (res.ok && json && typeof json.session === 'object' && json.session !== null) {
      const value = json as AuthenticateResult;
      if (cacheable) this.#remember(cacheKey, value, ttlMs);
      return { ok: true, data: { session: value }, source: 'api', setCookies: [] };
    }
    if (res.status === 401 || res.status === 403) {
      // The project id or secret is wrong: a configuration error, not the visitor's.
      return this.#error('internal_server_error', 'The session server refused this project\'s credentials.');
    }
    if (res.status >= 500 || !json) return this.#error('service_unavailable', 'The session server failed to answer.');
    const upstream = typeof json.error_type === 'string' ? json.error_type : undefined;
    const message = typeof json.error_message === 'string' ? json.error_message : 'The session is not valid.';
    return this.#reject(message, upstream, typeof json.request_id === 'string' ? json.request_id : undefined);
  }

  #remember(key: string, value: AuthenticateResult, ttlMs: number): void {
    const tokens = this.#state.tokens;
    const max = this.options.cache?.max_entries ?? 10_000;
    const expires = Date.parse(value.session.expires_at);
    const until = Math.min(Date.now() + ttlMs, Number.isNaN(expires) ? Infinity : expires);
    tokens.delete(key);
    tokens.set(key, { value, until });
    while (tokens.size > max) tokens.delete(tokens.keys().next().value as string);
  }

  async #revoked(sessionId: string, env: EdgeEnv): Promise<Revoked> {
    const check = this.options.isRevoked;
    if (check !== undefined && (await check(sessionId, env)) === true) return true;
    if (!this.options.revocations) return false;
    const list = (this.#state.revocations ??= new RevocationList());
    if (list.staleness() > (this.options.revocations.max_staleness_ms ?? DEFAULT_MAX_STALENESS_MS)) {
      this.#state.revocationSync ??= this.#syncRevocations(list, env).finally(() => (this.#state.revocationSync = undefined));
      if (!(await this.#state.revocationSync)) return 'unknown';
    }
    return list.has(sessionId);
  }

  /** Applies what the feed revoked since the list's cursor; false when the feed could not be read. */
  async #syncRevocations(list: RevocationList, env: EdgeEnv): Promise<boolean> {
    const o = this.options;
    try {
      const secret = await resolveSecret(o.secret, env);
      const since = list.cursor === undefined ? '' : `?since=${encodeURIComponent(list.cursor)}`;
      const res = await (o.fetch ?? globalThis.fetch)(`${this.base}sessions/revocations${since}`, {
        headers: { Authorization: `Basic ${btoa(`${o.project_id}:${secret}`)}` },
        redirect: 'manual',
      });
      if (!res.ok) return false;
      list.apply((await res.json()) as RevocationsResponse);
      return true;
    } catch {
      return false;
    }
  }

  #verifier(env: EdgeEnv): SessionVerifier {
    const state = this.#state;
    state.env = env;
    if (state.verifier) return state.verifier;
    const o = this.options;
    const shared = o.jwks_cache;
    const plainFetch: typeof fetch = (input, init) => (o.fetch ?? globalThis.fetch)(input, init);
    const jwksFetch: typeof fetch = shared
      ? async (input, init) => {
          const url = String(input);
          // Only the first load in this isolate reads the shared copy; refetches (age, unknown kid) go to the server.
          if (state.verifier?.jwks.jwks() === undefined) {
            const text = await readShared(shared, state.env, url).catch(() => undefined);
            if (text) return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
          }
          const res = await plainFetch(input, init);
          if (res.status === 200) {
            const text = await res.clone().text();
            await writeShared(shared, state.env, url, text).catch(() => {});
          }
          return res;
        }
      : plainFetch;
    const origin = this.base.replace(/\/v1\/$/, '/');
    state.verifier = new SessionVerifier({
      projectId: o.project_id,
      baseUrl: origin,
      jwksPath: `${this.base}sessions/jwks/${encodeURIComponent(o.project_id)}`,
      fetch: jwksFetch,
      ...(o.clock_tolerance_seconds !== undefined && { clockToleranceSeconds: o.clock_tolerance_seconds }),
    });
    return state.verifier;
  }

  #jwtCookie(result: AuthenticateResult, request: Request): string {
    const c = this.options.set_cookie || {};
    const expires = Date.parse(result.session.expires_at);
    return serializeCookie(this.#jwtCookies[0] ?? 'stytch_session_jwt', result.session_jwt, {
      path: c.path ?? '/',
      ...(c.domain !== undefined && { domain: c.domain }),
      sameSite: c.sameSite ?? 'Lax',
      secure: c.secure ?? new URL(request.url).protocol === 'https:',
      httpOnly: c.httpOnly ?? false,
      ...(!Number.isNaN(expires) && { expires: new Date(expires) }),
    });
  }

  #reject(message: string, upstream: string | undefined, id?: string): AuthOutcome {
    const body = errorBody('user_unauthenticated', id ?? requestId(), message, upstream ? { upstream_error_type: upstream } : undefined);
    return { ok: false, response: json(body, 401) };
  }

  #error(type: ErrorType, message: string): AuthOutcome {
    const body = errorBody(type, requestId(), message);
    return { ok: false, response: json(body, body.status_code) };
  }
}

function askApi(err: unknown): boolean {
  const cause = err instanceof ClientError ? err.cause : err;
  if (cause instanceof JwksNoMatchingKeyError || cause instanceof JwksFetchError) return true;
  const code = (cause as { code?: unknown } | null)?.code;
  const claim = (cause as { claim?: unknown } | null)?.claim;
  return code === 'ERR_JWT_EXPIRED' || (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (claim === 'nbf' || claim === 'iat'));
}

function first(cookies: Map<string, string>, names: string[]): string | undefined {
  for (const n of names) {
    const v = cookies.get(n);
    if (v) return v;
  }
  return undefined;
}

function requestId(): string {
  return `request-id-edge-${crypto.randomUUID()}`;
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type SharedJwks = NonNullable<TesseraEdgeOptions['jwks_cache']>;

interface KvLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

const JWKS_TTL_SECONDS = 600;

function kvOf(env: EdgeEnv, name: string): KvLike {
  const kv = env[name] as KvLike | undefined;
  if (!kv || typeof kv.get !== 'function') throw new TypeError(`No KV namespace binding named "${name}"`);
  return kv;
}

async function cacheOf(which: true | string): Promise<Cache> {
  return which === true ? (caches as unknown as { default: Cache }).default : caches.open(which);
}

async function readShared(shared: SharedJwks, env: EdgeEnv, url: string): Promise<string | undefined> {
  if ('kv' in shared) return (await kvOf(env, shared.kv).get(`tessera-jwks:${url}`)) ?? undefined;
  const hit = await (await cacheOf(shared.cache)).match(url);
  return hit ? await hit.text() : undefined;
}

async function writeShared(shared: SharedJwks, env: EdgeEnv, url: string, text: string): Promise<void> {
  if ('kv' in shared) return kvOf(env, shared.kv).put(`tessera-jwks:${url}`, text, { expirationTtl: JWKS_TTL_SECONDS });
  const res = new Response(text, { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${JWKS_TTL_SECONDS}` } });
  await (await cacheOf(shared.cache)).put(url, res);
}
