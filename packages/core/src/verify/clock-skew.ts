/**
 * Measures how far the local clock is from the server's, from the `Date` header of its responses.
 *
 * Why: session JWTs live five minutes and are checked locally against the *local* clock. A host whose
 * clock runs a minute behind accepts tokens a minute past `exp`; one running ahead rejects fresh tokens
 * as not yet valid (`nbf`) and silently pays an API round trip for each. Neither the official SDK nor
 * its peers notice; this module makes the skew visible and warns once.
 *
 * The `Date` header has one-second resolution and was written at some instant between sending the
 * request and receiving the response, so one response bounds the skew to an interval:
 * `(D - receivedAt, D + 1000 - sentAt)`. The estimate is its midpoint and the uncertainty its half
 * width. The latest response wins, so a server clock that moves (tests, NTP steps) is followed.
 *
 * @module
 */

export interface ClockSkew {
  /** Server clock minus local clock, in ms. Positive: the server is ahead of this host. */
  skewMs: number;
  /** The true skew lies within `skewMs ± uncertaintyMs` (half a second plus half the round trip). */
  uncertaintyMs: number;
  /** Local epoch ms at which the measuring response arrived. */
  measuredAt: number;
}

export interface ClockSkewMonitorOptions {
  /** Skew the caller tolerates (its `clock_tolerance_seconds`, in ms); the warning fires beyond it. Default 0. */
  toleranceMs?: number;
  /** Where the one-time warning goes. Default `console.warn`. */
  warn?: (message: string) => void;
}

const DATE_RESOLUTION_MS = 1_000;

export class ClockSkewMonitor {
  readonly toleranceMs: number;
  readonly #warn: (message: string) => void;
  #current: ClockSkew | undefined;
  #warned = false;

  constructor(options: ClockSkewMonitorOptions = {}) {
    const tolerance = options.toleranceMs ?? 0;
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new TypeError('"toleranceMs" must be a non-negative number');
    this.toleranceMs = tolerance;
    this.#warn = options.warn ?? ((message) => console.warn(message));
  }

  /** The latest measurement, or `undefined` before any response carried a usable `Date` header. */
  get current(): ClockSkew | undefined {
    return this.#current;
  }

  /** Whether the one-time warning has been given. */
  get warned(): boolean {
    return this.#warned;
  }

  /** Records the `Date` header of a response fetched between `sentAt` and `receivedAt` (local epoch ms). */
  observe(dateHeader: string | null | undefined, sentAt: number, receivedAt: number): ClockSkew | undefined {
    if (!dateHeader) return undefined;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs) || receivedAt < sentAt) return undefined;
    const skew: ClockSkew = {
      skewMs: Math.round(serverMs + DATE_RESOLUTION_MS / 2 - (sentAt + receivedAt) / 2),
      uncertaintyMs: Math.ceil((DATE_RESOLUTION_MS + (receivedAt - sentAt)) / 2),
      measuredAt: receivedAt,
    };
    this.#current = skew;
    if (!this.#warned && this.exceeds()) {
      this.#warned = true;
      try {
        this.#warn(warning(skew, this.toleranceMs));
      } catch {
        // A failing logger must not fail the request whose response was being measured.
      }
    }
    return skew;
  }

  /** Shorthand for `observe(response.headers.get('date'), ...)`. */
  observeResponse(response: Response, sentAt: number, receivedAt: number): ClockSkew | undefined {
    return this.observe(response.headers.get('date'), sentAt, receivedAt);
  }

  /** True when the skew certainly exceeds `toleranceMs`: even the measurement's error cannot explain it. */
  exceeds(toleranceMs: number = this.toleranceMs): boolean {
    const c = this.#current;
    return c !== undefined && Math.abs(c.skewMs) - c.uncertaintyMs > toleranceMs;
  }
}

function warning(skew: ClockSkew, toleranceMs: number): string {
  const direction = skew.skewMs > 0 ? 'behind' : 'ahead of';
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return (
    `[Tessera] Warning: this host's clock is about ${seconds(Math.abs(skew.skewMs))} s ` +
    `(± ${seconds(skew.uncertaintyMs)} s) ${direction} the server's, more than clock_tolerance_seconds ` +
    `(${seconds(toleranceMs)} s). Session JWTs may be accepted locally after they expire, or rejected as not ` +
    `yet valid and re-checked through the API. Sync this host's clock (NTP) or raise clock_tolerance_seconds.`
  );
}
