/**
 * A remote JWKS, fetched once and shared by every verification of a client.
 *
 * Rules (jose's `createRemoteJWKSet`, plus one):
 * - One fetch serves all concurrent callers (single flight), except where request I/O is isolated
 *   (workerd, Vercel edge; see `runtime.ts`): there each caller that needs the keys fetches them.
 * - The key set is reused for `maxAgeMs` (10 min), then refetched on the next use.
 * - Where request I/O is isolated, a set past `maxAgeMs` is refetched by the first caller that finds it
 *   so, and the callers that come while that refetch runs keep using it, for at most `staleGraceMs`
 *   (30 s) past its age. Without this every request in flight at the moment of expiry refetched at once
 *   (measured in workerd at 50 connections: stalls of up to 2.4 s and dropped connections). Keys rotate
 *   with overlap, so a set 30 s past its age still holds every key in use. Where the fetch is shared,
 *   callers wait for the one refetch instead, as jose does.
 * - A token whose `kid` is unknown triggers a refetch, at most once per `cooldownMs` (30 s). Tessera
 *   counts the cooldown from the last fetch *attempt*, not the last success, so unknown tokens cannot
 *   turn a JWKS outage into a fetch per request.
 * - A response older than one already applied never replaces it (overlapping fetches in workerd).
 * - Every response's timing is reported through `onResponse`, which feeds clock-skew measurement.
 *
 * The JWKS is fetched without credentials (the endpoint is public, as in Stytch) and without following
 * redirects.
 *
 * @module
 */
import { isolatesRequestIo } from './runtime.js';
import { KeySet, type KeyHeader } from './key-set.js';

export interface JwksCacheOptions {
  url: string | URL;
  /** The fetch to use; read at call time when omitted, so a patched `globalThis.fetch` is honoured. */
  fetch?: typeof fetch;
  /** Abort a JWKS fetch after this long. Default 5000 ms, as jose. */
  timeoutMs?: number;
  /** Refetch a key set older than this on its next use. Default 600000 ms (10 min), as jose. */
  maxAgeMs?: number;
  /** Least time between two fetches caused by an unknown `kid`. Default 30000 ms, as jose. */
  cooldownMs?: number;
  /** Clock in epoch ms; injectable for tests. */
  now?: () => number;
  /** Share one in-flight fetch between callers. Default: yes, except where request I/O is isolated. */
  shareInFlight?: boolean;
  /** Unshared fetches only: how long past `maxAgeMs` an expired set serves while one caller refetches. Default 30000 ms. */
  staleGraceMs?: number;
  /** Called with every JWKS response (before its status is checked) and the times around the fetch. */
  onResponse?: (response: Response, sentAt: number, receivedAt: number) => void;
}

/** No key in the (possibly refetched) set matches the token. */
export class JwksNoMatchingKeyError extends Error {
  override name = 'JwksNoMatchingKeyError';
}

/** The JWKS could not be fetched or read. */
export class JwksFetchError extends Error {
  override name = 'JwksFetchError';
}

const ACCEPT = 'application/json, application/jwk-set+json';

export class JwksCache {
  readonly #url: string;
  readonly #fetch: typeof fetch | undefined;
  readonly #timeoutMs: number;
  readonly #maxAgeMs: number;
  readonly #cooldownMs: number;
  readonly #staleGraceMs: number;
  readonly #now: () => number;
  readonly #share: boolean;
  readonly #onResponse: JwksCacheOptions['onResponse'];

  #set: KeySet | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  /** When a caller began refetching the current set after it expired (unshared fetches only). */
  #expiredRefetchAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<void> | undefined;
  #started = 0;
  #applied = 0;
  #fetches = 0;

  constructor(options: JwksCacheOptions) {
    this.#url = new URL(options.url).href;
    this.#fetch = options.fetch;
    this.#timeoutMs = nonNegative(options.timeoutMs, 5_000, 'timeoutMs');
    this.#maxAgeMs = nonNegative(options.maxAgeMs, 600_000, 'maxAgeMs');
    this.#cooldownMs = nonNegative(options.cooldownMs, 30_000, 'cooldownMs');
    this.#staleGraceMs = nonNegative(options.staleGraceMs, 30_000, 'staleGraceMs');
    this.#now = options.now ?? Date.now;
    this.#share = options.shareInFlight ?? !isolatesRequestIo();
    this.#onResponse = options.onResponse;
  }

  /**
   * The key for a token header, in the shape jose's `jwtVerify` takes as a key resolver. On the hot path
   * (fresh set, known `kid`) it returns the cached `CryptoKey` synchronously.
   */
  readonly getKey = (header: KeyHeader): CryptoKey | Promise<CryptoKey> => {
    const set = this.#set;
    if (set !== undefined && (this.#now() < this.#loadedAt + this.#maxAgeMs || this.#servesExpired())) {
      const key = set.resolve(header);
      if (key !== undefined) return key;
      return this.#afterMiss(header);
    }
    return this.#afterReload(header);
  };

  /**
   * Whether an expired set still serves this caller: only where fetches are not shared, within
   * `staleGraceMs` of its age, and once another caller has begun refetching it. The first caller after
   * expiry is told no and refetches; past the grace every caller refetches (the refetch did not land).
   */
  #servesExpired(): boolean {
    if (this.#share) return false;
    const now = this.#now();
    if (now >= this.#loadedAt + this.#maxAgeMs + this.#staleGraceMs) return false;
    if (now < this.#expiredRefetchAt + this.#staleGraceMs) return true;
    this.#expiredRefetchAt = now;
    return false;
  }

  /** Fetches the JWKS now (joining a fetch in flight where sharing is allowed). */
  reload(): Promise<void> {
    if (this.#share && this.#pending !== undefined) return this.#pending;
    const pending = this.#load().finally(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    if (this.#share) this.#pending = pending;
    return pending;
  }

  /** True while an unknown `kid` would not cause a refetch. */
  get coolingDown(): boolean {
    return this.#now() < this.#attemptedAt + this.#cooldownMs;
  }

  /** True while the cached key set is younger than `maxAgeMs`. */
  get fresh(): boolean {
    return this.#set !== undefined && this.#now() < this.#loadedAt + this.#maxAgeMs;
  }

  /** How many JWKS fetches this cache has started; for tests and metrics. */
  get fetchCount(): number {
    return this.#fetches;
  }

  /** A copy of the cached key set, or `undefined` before the first successful fetch. */
  jwks(): { keys: unknown[] } | undefined {
    return this.#set?.jwks();
  }

  async #afterReload(header: KeyHeader): Promise<CryptoKey> {
    await this.reload();
    return this.#resolveLoaded(header);
  }

  async #afterMiss(header: KeyHeader): Promise<CryptoKey> {
    // A fetch already in flight may bring the key: join it rather than fail on the cooldown it started.
    if (this.#share && this.#pending !== undefined) await this.#pending;
    else if (this.coolingDown) throw new JwksNoMatchingKeyError('No key in the JSON Web Key Set matches the token');
    else await this.reload();
    return this.#resolveLoaded(header);
  }

  #resolveLoaded(header: KeyHeader): CryptoKey | Promise<CryptoKey> {
    const key = this.#set?.resolve(header);
    if (key === undefined) throw new JwksNoMatchingKeyError('No key in the JSON Web Key Set matches the token');
    return key;
  }

  async #load(): Promise<void> {
    const sequence = ++this.#started;
    this.#fetches++;
    const sentAt = this.#now();
    this.#attemptedAt = sentAt;
    const fetchImpl = this.#fetch ?? globalThis.fetch;
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(this.#url, { method: 'GET', headers: { accept: ACCEPT }, redirect: 'manual', signal });
    } catch (cause) {
      throw new JwksFetchError(isTimeout(cause, signal) ? 'JWKS fetch timed out' : 'JWKS fetch failed', { cause });
    }
    this.#onResponse?.(response, sentAt, this.#now());
    if (response.status !== 200) {
      void response.body?.cancel().catch(() => {});
      throw new JwksFetchError(`Expected 200 OK from the JSON Web Key Set HTTP response, got ${response.status}`);
    }
    let set: KeySet;
    try {
      set = new KeySet(await response.json());
    } catch (cause) {
      throw new JwksFetchError(
        isTimeout(cause, signal) ? 'JWKS fetch timed out' : 'Failed to parse the JSON Web Key Set HTTP response',
        { cause },
      );
    }
    if (sequence <= this.#applied) return; // a newer fetch already landed
    this.#applied = sequence;
    this.#set = set;
    this.#loadedAt = this.#now();
    this.#expiredRefetchAt = Number.NEGATIVE_INFINITY; // the next expiry starts its own refetch
  }
}

function isTimeout(cause: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (cause instanceof Error && cause.name === 'TimeoutError');
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`"${name}" must be a non-negative number`);
  return value;
}
