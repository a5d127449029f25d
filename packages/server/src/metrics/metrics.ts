/**
 * `Metrics`: the process's Prometheus metrics (a dedicated prom-client `Registry`, names prefixed
 * `tessera_`, plus prom-client's default process metrics) and the per-minute activity the admin console
 * shows. `startServer` creates one and passes it explicitly: to the runtime (as the domain's observer and
 * the database's query timer) and to the HTTP app (request and authentication counts). CLI commands get none.
 *
 * Hot-path cost: every recorder is a synchronous call on a label child looked up once per route and status
 * (see http/request-metrics.ts); nothing here awaits. The counters and histograms are `instruments.ts`'s
 * (plain numbers, printed as prom-client prints its own); the gauges and process metrics are prom-client's. The gauges that need the database (active sessions)
 * are computed on scrape, at most once per `activeSessionsCacheMs`.
 *
 * `activity()` draws on the same events as the counters: each recorder increments the counter and the
 * current minute's slot of a 60-minute ring, so the two never disagree.
 *
 * @module
 */
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { FastCounter, FastHistogram, type CounterChild, type HistogramChild } from './instruments.js';
import { systemClock, type Clock } from '@tessera/core';
import type { SigningAlg } from '../crypto/jwt-signing.js';
import type { DomainObserver } from '../domain/observer.js';
import { ActivityRing, type Activity } from './activity.js';

/** What the metrics read from the runtime once it is open (see {@link Metrics.attach}). */
export interface MetricsSources {
  /** Unexpired, unrevoked sessions of both kinds at `now` (a query: called at most every ~10 s). */
  activeSessions(now: number): Promise<number>;
  /** Session access times waiting in the write-behind buffer. */
  writeBehindDepth(): number;
}

export interface MetricsOptions {
  clock?: Clock;
  /** How long an active-session count is reused (default 10 s). */
  activeSessionsCacheMs?: number;
  /** Add prom-client's default process metrics (default true; tests of exact output may turn them off). */
  processMetrics?: boolean;
}

/** Request duration buckets (seconds): session authenticate is ~0.5 ms, a password hash ~50–300 ms. */
const HTTP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DB_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const SIGN_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** One route's and method's label children for one status code. */
export interface RequestChildren {
  readonly count: CounterChild;
  readonly duration: HistogramChild;
}

export type AuthResult = 'success' | 'failure';

export class Metrics implements DomainObserver {
  readonly registry = new Registry();
  readonly #clock: Clock;
  readonly #cacheMs: number;
  readonly #ring: ActivityRing;
  #sources: MetricsSources | null = null;
  #active: { value: number; at: number } | null = null;
  #activeLoading: Promise<number> | null = null;

  readonly #requests: FastCounter<'route' | 'method' | 'status'>;
  readonly #durations: FastHistogram<'route' | 'method' | 'status_class'>;
  readonly #auths: FastCounter<'product' | 'result'>;
  readonly #lockouts: FastCounter;
  readonly #failedLogins: FastCounter;
  readonly #sign: FastHistogram<'alg'>;
  readonly #db: FastHistogram;

  constructor(opts: MetricsOptions = {}) {
    this.#clock = opts.clock ?? systemClock;
    this.#cacheMs = opts.activeSessionsCacheMs ?? 10_000;
    this.#ring = new ActivityRing(this.#clock);
    const registers = [this.registry];
    this.#requests = new FastCounter({ name: 'tessera_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status code.', labelNames: ['route', 'method', 'status'], registers });
    this.#durations = new FastHistogram({
      name: 'tessera_http_request_duration_seconds',
      help: 'Time from request to response, by route pattern, method and status class (2xx, 4xx, ...).',
      labelNames: ['route', 'method', 'status_class'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.#auths = new FastCounter({
      name: 'tessera_authentications_total',
      help: 'Authentication requests (every /authenticate route of /v1 and /sdk/v1), by product and result.',
      labelNames: ['product', 'result'],
      registers,
    });
    this.#lockouts = new FastCounter({ name: 'tessera_lockouts_total', help: 'Users and members locked out by failed guesses.', registers });
    this.#failedLogins = new FastCounter({
      name: 'tessera_failed_logins_total',
      help: 'Refused logins (password, magic link, OTP authentications; session checks excluded).',
      registers,
    });
    this.#sign = new FastHistogram({ name: 'tessera_jwt_sign_seconds', help: 'Session JWT signing time, threadpool wait included, by algorithm.', labelNames: ['alg'], buckets: SIGN_BUCKETS, registers });
    this.#db = new FastHistogram({ name: 'tessera_db_query_seconds', help: 'Database time per query.', buckets: DB_BUCKETS, registers });
    const self = this;
    new Gauge({
      name: 'tessera_active_sessions',
      help: 'Sessions and member sessions neither expired nor revoked (counted at most every 10 s).',
      registers,
      async collect() {
        const n = await self.activeSessions();
        if (n !== null) this.set(n);
      },
    });
    new Gauge({
      name: 'tessera_write_behind_queue_depth',
      help: 'Session access times waiting to be written (touch buffer).',
      registers,
      collect() {
        if (self.#sources) this.set(self.#sources.writeBehindDepth());
      },
    });
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Connects the gauges to the runtime once it is open (the runtime is made after the metrics, which time its queries). */
  attach(sources: MetricsSources): void {
    this.#sources = sources;
  }

  /** The label children of one route and method for one status code (the caller caches them). */
  requestChildren(route: string, method: string, status: number): RequestChildren {
    return {
      count: this.#requests.labels(route, method, String(status)),
      duration: this.#durations.labels(route, method, `${Math.floor(status / 100)}xx`),
    };
  }

  /** An authentication by `product` ended with `result`; a refused one that is a login also counts as a failed login. */
  authentication(product: string, result: AuthResult, login: boolean): void {
    this.#auths.labels(product, result).inc();
    this.#ring.authentication(result);
    if (result === 'failure' && login) {
      this.#failedLogins.inc();
      this.#ring.failedLogin();
    }
  }

  lockout(): void {
    this.#lockouts.inc();
    this.#ring.lockout();
  }

  jwtSigned(alg: SigningAlg, seconds: number): void {
    this.#sign.labels(alg).observe(seconds);
  }

  /** The database's query timer (an arrow: it is handed to the database as a plain function). */
  readonly dbQuery = (seconds: number): void => {
    this.#db.observe(seconds);
  };

  /** The count of active sessions, reused for `activeSessionsCacheMs`; null before the runtime is attached. */
  async activeSessions(): Promise<number | null> {
    const sources = this.#sources;
    if (!sources) return null;
    const now = this.#clock();
    if (this.#active && now - this.#active.at < this.#cacheMs) return this.#active.value;
    // Concurrent scrapes share one count.
    this.#activeLoading ??= sources.activeSessions(now).finally(() => (this.#activeLoading = null));
    const value = await this.#activeLoading;
    this.#active = { value, at: now };
    return value;
  }

  /** The last 60 minutes, one entry per minute (oldest first), and the active-session count. */
  async activity(): Promise<Activity> {
    return { minutes: this.#ring.minutes(), active_sessions: await this.activeSessions() };
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
