/**
 * The revocation feed on the client (issue #15), opt-in through `ClientConfig.revocations`: the client
 * keeps the project's recently revoked session ids (`RevocationList` of @tessera/core, fed by
 * `GET /v1/sessions/revocations`) and refuses them in local JWT verification.
 *
 * - Before a JWT is accepted locally, a list older than `max_staleness_ms` is synced first (awaited,
 *   single-flight). A revoked session is refused by every subscribed client within that bound.
 * - In the background the list is refreshed every `max_staleness_ms / 2` (an unref'd timer, stopped by
 *   `client.close()`), so the common path does not wait.
 * - A revoked id makes `authenticateJwtLocal` throw the API's `session_not_found` (404); `authenticateJwt`
 *   then asks the API, which answers the same. When the list cannot be synced, local verification fails
 *   (closed): `authenticateJwtLocal` throws the request error and `authenticateJwt` falls back to the API.
 *
 * @module
 */
import { errorBody, RevocationList, type RevocationsResponse } from '@tessera/core';
import { TesseraError } from './errors.js';
import { request, type Transport } from './http/request.js';

export interface RevocationOptions {
  /** How old (ms) the list may be when a JWT is accepted locally: the revocation bound. Default 5000. */
  max_staleness_ms?: number;
}

export const DEFAULT_MAX_STALENESS_MS = 5_000;

export class RevocationGuard {
  readonly list: RevocationList;
  readonly maxStalenessMs: number;
  readonly #transport: Transport;
  readonly #path: string;
  #inflight: Promise<void> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #closed = false;

  constructor(transport: Transport, path: string, options: RevocationOptions, now: () => number = Date.now) {
    const max = options.max_staleness_ms ?? DEFAULT_MAX_STALENESS_MS;
    if (!Number.isFinite(max) || max <= 0) throw new TypeError('"revocations.max_staleness_ms" must be a positive number of ms');
    this.maxStalenessMs = max;
    this.#transport = transport;
    this.#path = path;
    this.list = new RevocationList({ now });
  }

  /** Fetches what was revoked since the list's cursor; concurrent callers share one request. */
  sync(): Promise<void> {
    this.#inflight ??= request<RevocationsResponse>(this.#transport, {
      method: 'GET',
      path: this.#path,
      params: this.list.cursor === undefined ? {} : { since: this.list.cursor },
    })
      .then((res) => this.list.apply(res))
      .finally(() => {
        this.#inflight = null;
      });
    this.#startBackground();
    return this.#inflight;
  }

  /** Throws `session_not_found` when the session is revoked, after syncing a list older than the bound. */
  async assertNotRevoked(sessionId: string): Promise<void> {
    if (this.list.staleness() > this.maxStalenessMs) await this.sync();
    if (this.list.has(sessionId)) {
      throw new TesseraError(errorBody('session_not_found', 'request-id-local-revocation-list', 'The session was revoked (revocation feed).'));
    }
  }

  #startBackground(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => {
      this.sync().catch(() => {
        // The next call syncs (awaited) once the list is stale, and fails closed if it still cannot.
      });
    }, Math.max(50, this.maxStalenessMs / 2));
    (this.#timer as { unref?: () => void }).unref?.();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
