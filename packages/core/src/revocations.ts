/**
 * The revocation feed of issue #15, transport-free: the wire shape of `GET /v1/sessions/revocations` and
 * the in-memory list a verifier keeps (`@tessera/node`, `@tessera/edge`).
 *
 * A session's JWTs live `SESSION_JWT_TTL_SECONDS` (300 s) and verifiers accept them up to the clock
 * tolerance past `exp` (60 s), so a revocation older than `REVOCATION_RETAIN_SECONDS` (360 s) no longer
 * matters: no JWT of that session still verifies. The server keeps revocations that long and the list
 * forgets them after it, so both stay small.
 *
 * @module
 */
import { SESSION_JWT_TTL_SECONDS } from './jwt/claims.js';

/** The verifier clock-tolerance leeway the retain window allows for. */
export const REVOCATION_LEEWAY_SECONDS = 60;
/** How long the server keeps a revocation in the feed: JWT lifetime + leeway. */
export const REVOCATION_RETAIN_SECONDS = SESSION_JWT_TTL_SECONDS + REVOCATION_LEEWAY_SECONDS;

export interface Revocation {
  /** The id a session JWT carries in its `https://stytch.com/session` claim's `id`. */
  session_id: string;
  /** RFC 3339. */
  revoked_at: string;
}

/** The body of `GET /v1/sessions/revocations` (the stream's `data:` lacks `status_code`/`request_id`). */
export interface RevocationsResponse {
  revocations: Revocation[];
  /** Opaque: pass it back as `since`. */
  cursor: string;
  retain_seconds: number;
  status_code?: number;
  request_id?: string;
}

/**
 * The revoked session ids a verifier knows of: id → when to forget it (revoked_at + retain_seconds).
 * Replies may repeat entries (the server answers `since` with a small overlap); the Map de-duplicates.
 */
export class RevocationList {
  readonly #expiry = new Map<string, number>();
  #cursor: string | undefined;
  #lastSyncAt: number | undefined;
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The cursor to ask `since`; undefined before the first sync (ask for everything). */
  get cursor(): string | undefined {
    return this.#cursor;
  }

  /** When (epoch ms, by this list's clock) the last reply was applied; undefined before. */
  get lastSyncAt(): number | undefined {
    return this.#lastSyncAt;
  }

  get size(): number {
    this.prune();
    return this.#expiry.size;
  }

  /** Ms since the last sync (Infinity before the first). */
  staleness(): number {
    return this.#lastSyncAt === undefined ? Infinity : this.#now() - this.#lastSyncAt;
  }

  /** Applies a reply (from the endpoint or a stream event): adds its entries, moves the cursor. */
  apply(response: Pick<RevocationsResponse, 'revocations' | 'cursor' | 'retain_seconds'>): void {
    const retainMs = response.retain_seconds * 1000;
    for (const r of response.revocations) {
      const at = Date.parse(r.revoked_at);
      const until = (Number.isFinite(at) ? at : this.#now()) + retainMs;
      const prev = this.#expiry.get(r.session_id);
      if (prev === undefined || until > prev) this.#expiry.set(r.session_id, until);
    }
    this.#cursor = response.cursor;
    this.#lastSyncAt = this.#now();
    this.prune();
  }

  /** Whether the session id is revoked (and its revocation still within the retain window). */
  has(sessionId: string): boolean {
    const until = this.#expiry.get(sessionId);
    if (until === undefined) return false;
    if (until <= this.#now()) {
      this.#expiry.delete(sessionId);
      return false;
    }
    return true;
  }

  /** Drops entries past their retain window. */
  prune(): void {
    const now = this.#now();
    for (const [id, until] of this.#expiry) if (until <= now) this.#expiry.delete(id);
  }
}
