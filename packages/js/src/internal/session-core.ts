/**
 * What the consumer and B2B clients share: the state, its copy in localStorage (keyed by public token),
 * the session cookies, the 3-minute refresh with backoff and the logout rules (docs/architecture.md, "Frontend API"),
 * one refresh in flight across tabs, and cross-tab sync (BroadcastChannel, and `storage` events for
 * browsers without it). A vertical only says where its session lives in an answer.
 *
 * @module
 */
import { isUnrecoverableError, TesseraSSRError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { SessionCookies } from './cookies.js';
import type { BrowserEnv } from './env.js';
import { withRefreshLock } from './refresh-lock.js';
import { type ClientState, StateStore } from './state-store.js';
import { type Method, Transport } from './transport.js';

/** Refresh interval of the official SDK (`REFRESH_INTERVAL_MS`). */
export const REFRESH_INTERVAL_MS = 180_000;

/** Delay before retry `n` (0-based) of a failed refresh: `2000 * 2^min(n,7)` ms, ± 175 ms. */
export function backoffDelay(n: number, random: number = Math.random()): number {
  return 2000 * 2 ** Math.min(n, 7) + Math.round(random * 350 - 175);
}

export interface Vertical<D> {
  authenticatePath: string;
  revokePath: string;
  /** The state an answer carries, or null when it has no session (a login without a session, an MFA step). */
  stateOf(answer: Record<string, unknown>): D | null;
  expiresAt(data: D): string;
}

interface Persisted<D> {
  data: D | null;
  session_duration_minutes?: number | undefined;
}

type Message<D> = Persisted<D> & { from: string };

export class SessionCore<D> {
  readonly store: StateStore<D>;
  readonly #options: ResolvedOptions;
  readonly #vertical: Vertical<D>;
  readonly #env: BrowserEnv | null;
  readonly #transport: Transport;
  readonly #cookies: SessionCookies | null;
  readonly #id = Math.random().toString(36).slice(2) + Date.now().toString(36);
  readonly #stateKey: string;
  readonly #lockName: string;
  #channel: BroadcastChannel | null = null;
  #unlisten: (() => void) | null = null;
  #timer: unknown = null;
  #failures = 0;
  #duration: number | undefined;

  constructor(options: ResolvedOptions, vertical: Vertical<D>, env: BrowserEnv | null, kind: string) {
    this.#options = options;
    this.#vertical = vertical;
    this.#env = env;
    this.#stateKey = `tessera_sdk_state_${kind}_${options.publicToken}`;
    this.#lockName = `tessera_sdk_refresh_${kind}_${options.publicToken}`;
    this.#cookies = env ? new SessionCookies(env.document, env.location, options.cookies) : null;
    this.#transport = new Transport(options, () => this.#cookies?.token ?? null);
    const cached = this.#read();
    this.#duration = cached?.session_duration_minutes;
    const pending = env !== null && (cached?.data != null || this.#cookies?.token != null);
    this.store = new StateStore<D>({ data: env ? (cached?.data ?? null) : null, fromCache: pending });
    if (!env) return;
    this.#listen(env, kind);
    // The background authenticate of the official SDK, off the constructor's stack.
    if (pending) this.#schedule(0);
  }

  get isBrowser(): boolean {
    return this.#env !== null;
  }

  get state(): ClientState<D> {
    return this.store.get();
  }

  /** The session tokens readable by script (null in HttpOnly mode or when logged out). */
  tokens(): { session_token: string; session_jwt: string } | null {
    const token = this.#cookies?.token;
    const jwt = this.#cookies?.jwt;
    return token && jwt ? { session_token: token, session_jwt: jwt } : null;
  }

  /** A frontend API call; throws on the server. */
  request<T>(method: Method, path: string, body?: object): Promise<T> {
    if (!this.#env) return Promise.reject(new TesseraSSRError(`${method} ${path}`));
    return this.#transport.request<T>(method, path, body);
  }

  /** A login-like call: on success its session (if any) becomes the state; `duration` is kept for refreshes. */
  async login<T extends object>(path: string, body: object & { session_duration_minutes?: number | undefined }): Promise<T> {
    const answer = await this.request<T>('POST', path, body);
    this.apply(answer as Record<string, unknown>, body.session_duration_minutes);
    return answer;
  }

  /** `session.authenticate`: refreshes the state; an unrecoverable error logs out. */
  async authenticate<T extends object>(session_duration_minutes?: number): Promise<T> {
    try {
      const answer = await this.request<T>('POST', this.#vertical.authenticatePath, session_duration_minutes === undefined ? {} : { session_duration_minutes });
      this.#failures = 0;
      this.apply(answer as Record<string, unknown>, session_duration_minutes);
      return answer;
    } catch (err) {
      if (isUnrecoverableError(err)) this.destroy();
      throw err;
    }
  }

  /** `session.revoke`: logs out on success, and on failure too with `forceClear` or an unrecoverable error. */
  async revoke<T extends object>(forceClear = false): Promise<T> {
    try {
      const answer = await this.request<T>('POST', this.#vertical.revokePath);
      this.destroy();
      return answer;
    } catch (err) {
      if (forceClear || isUnrecoverableError(err)) this.destroy();
      throw err;
    }
  }

  /** Takes the session an answer carries: cookies (cleared when the tokens are empty: HttpOnly mode), state. */
  apply(answer: Record<string, unknown>, duration?: number): void {
    const data = this.#vertical.stateOf(answer);
    if (!data) return;
    const { session_token: token, session_jwt: jwt } = answer;
    if (typeof token === 'string' && token && typeof jwt === 'string' && jwt) this.#cookies?.write(token, jwt, this.#vertical.expiresAt(data));
    else this.#cookies?.clear();
    if (duration !== undefined) this.#duration = duration;
    this.#commit(data);
  }

  /** Replaces part of the logged-in state (a fresh user or member); ignored when logged out. */
  patch(update: (data: D) => D): void {
    const current = this.store.get().data;
    if (current) this.#commit(update(current), false);
  }

  /** Logs out locally: cookies, state, storage, other tabs. */
  destroy(): void {
    this.#cookies?.clear();
    this.#commit(null);
  }

  /** Stops timers and listeners (tests, or a client being replaced). */
  close(): void {
    this.#cancel();
    this.#unlisten?.();
    this.#channel?.close();
    this.#unlisten = null;
    this.#channel = null;
  }

  #commit(data: D | null, reschedule = true): void {
    this.store.set({ data, fromCache: false });
    const record: Persisted<D> = { data, session_duration_minutes: data ? this.#duration : undefined };
    if (!data) this.#duration = undefined;
    this.#write(record);
    this.#channel?.postMessage({ ...record, from: this.#id } satisfies Message<D>);
    if (reschedule || !data) this.#reschedule(data);
  }

  #receive(record: Persisted<D>): void {
    if (JSON.stringify(record.data) === JSON.stringify(this.store.get().data) && !this.store.get().fromCache) return;
    this.#duration = record.session_duration_minutes;
    this.#failures = 0;
    this.store.set({ data: record.data, fromCache: false });
    this.#reschedule(record.data);
  }

  #reschedule(data: D | null): void {
    if (data) this.#schedule(REFRESH_INTERVAL_MS);
    else this.#cancel();
  }

  #schedule(ms: number): void {
    this.#cancel();
    this.#timer = this.#options.timers.setTimeout(() => {
      this.#timer = null;
      void this.#refresh();
    }, ms);
  }

  #cancel(): void {
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #refresh(): Promise<void> {
    const env = this.#env;
    if (!env) return;
    const duration = this.#options.keepSessionAlive ? this.#duration : undefined;
    let failed: unknown = null;
    const ran = await withRefreshLock(env, this.#lockName, this.#id, this.#options.timers, async () => {
      try {
        await this.authenticate(duration);
      } catch (err) {
        failed = err;
      }
    });
    if (!ran) {
      // Another tab is refreshing; its answer arrives by cross-tab sync. Look again later all the same.
      if (this.#timer === null && this.store.get().data) this.#schedule(REFRESH_INTERVAL_MS);
      return;
    }
    if (failed === null || isUnrecoverableError(failed)) return; // success rescheduled; logout cancelled
    this.#schedule(backoffDelay(this.#failures++));
  }

  #listen(env: BrowserEnv, kind: string): void {
    this.#channel = env.channel(`tessera_sdk_${kind}_${this.#options.publicToken}`);
    if (this.#channel) {
      this.#channel.onmessage = (e: MessageEvent<Message<D>>) => {
        if (e.data && e.data.from !== this.#id) this.#receive(e.data);
      };
    }
    this.#unlisten = env.onStorage((e) => {
      if (e.key !== this.#stateKey) return;
      this.#receive(parse<D>(e.newValue) ?? { data: null });
    });
  }

  #read(): Persisted<D> | null {
    try {
      return parse<D>(this.#env?.storage?.getItem(this.#stateKey) ?? null);
    } catch {
      return null;
    }
  }

  #write(record: Persisted<D>): void {
    try {
      if (record.data) this.#env?.storage?.setItem(this.#stateKey, JSON.stringify(record));
      else this.#env?.storage?.removeItem(this.#stateKey);
    } catch {
      // Storage full or blocked: the state still lives in memory and in the cookies.
    }
  }
}

function parse<D>(text: string | null): Persisted<D> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Persisted<D> | null;
    return v && typeof v === 'object' && 'data' in v ? v : null;
  } catch {
    return null;
  }
}
