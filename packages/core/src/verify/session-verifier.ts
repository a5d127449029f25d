/**
 * Local verification of Stytch-shaped session JWTs, for every runtime: the acceptance rules of the
 * official `stytch` SDK's `authenticateJwtLocal` (Stytch's API reference), on top of a
 * shared JWKS cache and clock-skew measurement.
 *
 * Accepted: a signature by a key of the project's JWKS; header `typ: JWT`; `aud` containing the project
 * id; `iss` equal to `stytch.com/{project_id}` or to the configured base URL without trailing slashes;
 * `exp`/`nbf` within `clockToleranceSeconds`; with `maxTokenAgeSeconds`, an `iat` younger than that
 * (0 makes every token too old); and a `https://stytch.com/session` claim. Every failure is a
 * `ClientError` with the official codes: `jwt_too_old` for age, `jwt_invalid` for the rest.
 *
 * @module
 */
import { jwtVerify, type JWTVerifyOptions } from 'jose';
import { SESSION_CLAIM, issuerFor, type SessionJwtPayload } from '../jwt/claims.js';
import type { Session } from '../wire.js';
import { ClientError } from './client-error.js';
import { ClockSkewMonitor } from './clock-skew.js';
import { JwksCache } from './jwks-cache.js';
import { nodeJwtVerifier, type CompactJwtVerifier } from './node-jwt-verify.js';
import { nodeBuiltins } from './runtime.js';
import { sessionFromClaims } from './session-from-claims.js';

export interface SessionVerifierOptions {
  projectId: string;
  /** The API base URL given to the client. The JWKS is read from it, and it is an accepted `iss`. */
  baseUrl: string;
  /** Path of the JWKS under `baseUrl`. Default `/v1/sessions/jwks/{projectId}` (B2B: `/v1/b2b/sessions/jwks/...`). */
  jwksPath?: string;
  fetch?: typeof fetch;
  /** JWKS fetch timeout. Default 5000 ms. */
  jwksTimeoutMs?: number;
  /** JWKS cache age and unknown-`kid` cooldown; defaults 10 min and 30 s. */
  jwksMaxAgeMs?: number;
  jwksCooldownMs?: number;
  shareInFlight?: boolean;
  /** Default `clock_tolerance_seconds` for calls that give none, and the threshold of the skew warning. Default 0. */
  clockToleranceSeconds?: number;
  /** Share one monitor with the API transport so its responses are measured too. Created when omitted. */
  clockSkew?: ClockSkewMonitor;
  /** Where the one-time skew warning goes when the monitor is created here. Default `console.warn`. */
  warn?: (message: string) => void;
  /** Clock in epoch ms. When given, it also sets the verification time; injectable for tests. */
  now?: () => number;
  /**
   * How the token's signature and registered claims are checked. Default: in Node, node:crypto on the calling
   * thread (`nodeJwtVerifier`, several times cheaper than a WebCrypto round trip); elsewhere `joseJwtVerifier`.
   */
  jwtVerifier?: CompactJwtVerifier;
}

/** jose's `jwtVerify`, the verifier outside Node. */
export const joseJwtVerifier: CompactJwtVerifier = async (jwt, getKey, options) => (await jwtVerify(jwt, getKey, options)).payload;

let defaultVerifier: CompactJwtVerifier | undefined;
function defaultJwtVerifier(): CompactJwtVerifier {
  if (defaultVerifier === undefined) {
    const node = nodeBuiltins();
    defaultVerifier = node ? nodeJwtVerifier(node) : joseJwtVerifier;
  }
  return defaultVerifier;
}

export interface VerifyJwtOptions {
  clockToleranceSeconds?: number;
  maxTokenAgeSeconds?: number;
  /** The time to verify at. Default: now. */
  currentDate?: Date;
}

export class SessionVerifier {
  readonly projectId: string;
  readonly issuers: readonly string[];
  readonly jwks: JwksCache;
  readonly clockSkew: ClockSkewMonitor;
  readonly clockToleranceSeconds: number;
  readonly #now: (() => number) | undefined;
  readonly #verifyJwt: CompactJwtVerifier;
  /** jose options by clock tolerance, built once: verification allocates none of its own per call. */
  readonly #jwtOptions = new Map<number, Readonly<JWTVerifyOptions>>();

  constructor(options: SessionVerifierOptions) {
    const { projectId, baseUrl } = options;
    if (!projectId) throw new TypeError('Missing "projectId"');
    const tolerance = options.clockToleranceSeconds ?? 0;
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      throw new TypeError('"clockToleranceSeconds" must be a non-negative number');
    }
    this.projectId = projectId;
    this.clockToleranceSeconds = tolerance;
    // The official SDK accepts its own base URL as issuer, compared without trailing slashes.
    this.issuers = Object.freeze([issuerFor(projectId), trimTrailingSlash(baseUrl)]);
    this.#now = options.now;
    this.#verifyJwt = options.jwtVerifier ?? defaultJwtVerifier();
    this.clockSkew =
      options.clockSkew ?? new ClockSkewMonitor({ toleranceMs: tolerance * 1000, ...(options.warn && { warn: options.warn }) });
    const skew = this.clockSkew;
    this.jwks = new JwksCache({
      url: new URL(options.jwksPath ?? `/v1/sessions/jwks/${encodeURIComponent(projectId)}`, baseUrl),
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.jwksTimeoutMs !== undefined && { timeoutMs: options.jwksTimeoutMs }),
      ...(options.jwksMaxAgeMs !== undefined && { maxAgeMs: options.jwksMaxAgeMs }),
      ...(options.jwksCooldownMs !== undefined && { cooldownMs: options.jwksCooldownMs }),
      ...(options.shareInFlight !== undefined && { shareInFlight: options.shareInFlight }),
      ...(options.now && { now: options.now }),
      onResponse: (response, sentAt, receivedAt) => skew.observeResponse(response, sentAt, receivedAt),
    });
  }

  /** Verifies `jwt` and returns its payload. @throws ClientError (`jwt_invalid`, `jwt_too_old`) */
  async verify(jwt: string, options: VerifyJwtOptions = {}): Promise<SessionJwtPayload> {
    const tolerance = options.clockToleranceSeconds ?? this.clockToleranceSeconds;
    const currentDate = options.currentDate ?? (this.#now && new Date(this.#now()));
    let jwtOptions = this.#optionsFor(tolerance);
    if (currentDate) jwtOptions = { ...jwtOptions, currentDate };

    let payload: SessionJwtPayload;
    try {
      payload = (await this.#verifyJwt(jwt, this.jwks.getKey, jwtOptions)) as SessionJwtPayload;
    } catch (err) {
      throw new ClientError('jwt_invalid', 'Could not verify JWT', err);
    }

    const maxAge = options.maxTokenAgeSeconds;
    if (maxAge != null) {
      // Checked here rather than by jose's `maxTokenAge`, which reads 0 as "no limit"; Stytch reads it as
      // "every token is too old" (forcing the API).
      const { iat } = payload;
      if (!iat) throw new ClientError('jwt_invalid', 'JWT was missing iat claim');
      const nowSeconds = (currentDate ? currentDate.getTime() : Date.now()) / 1000;
      if (nowSeconds - iat >= maxAge) {
        throw new ClientError('jwt_too_old', `JWT was issued at ${iat}, more than ${maxAge} seconds ago`);
      }
    }

    const claim: unknown = payload[SESSION_CLAIM];
    if (typeof claim !== 'object' || claim === null || typeof (claim as { id?: unknown }).id !== 'string') {
      throw new ClientError('jwt_invalid', `JWT was missing the ${SESSION_CLAIM} claim`);
    }
    return payload;
  }

  /**
   * Verifies `jwt` and returns the session the official SDK's `authenticateJwtLocal` builds from it
   * (`expires_at` re-formatted with millisecond precision, custom claims = the non-registered claims).
   */
  async authenticate(jwt: string, options?: VerifyJwtOptions): Promise<Session> {
    return sessionFromClaims(await this.verify(jwt, options));
  }

  #optionsFor(clockTolerance: number): Readonly<JWTVerifyOptions> {
    let options = this.#jwtOptions.get(clockTolerance);
    if (options === undefined) {
      options = Object.freeze({ audience: this.projectId, issuer: [...this.issuers], typ: 'JWT', clockTolerance });
      // Per-call tolerances are usually a handful of constants; a caller feeding arbitrary values must not grow this.
      if (this.#jwtOptions.size < 16) this.#jwtOptions.set(clockTolerance, options);
    }
    return options;
  }
}

/** `http://127.0.0.1:4000/` → `http://127.0.0.1:4000`, as the official SDK compares issuers. */
export function trimTrailingSlash(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47 /* / */) end--;
  return url.slice(0, end);
}
