/**
 * Cache invalidation across instances through PostgreSQL LISTEN/NOTIFY. Each instance keeps one dedicated
 * connection (not from the pool) that LISTENs on `tessera_cache`; `publish` sends `pg_notify` through the
 * pool after the change committed, and also tells this process's listeners at once. PostgreSQL delivers a
 * notification to every listening session within milliseconds.
 *
 * When the listening connection drops (a PostgreSQL restart), it reconnects with a growing delay (up to 5 s)
 * and then emits `{ topic: 'all' }`: notifications sent while it was away are lost, so every cache starts
 * afresh. Until then the caches' own TTLs (a few seconds) still bound how stale they can be.
 *
 * @module
 */
import pg from 'pg';
import type { Logger } from '../../log.js';
import { CacheListeners, type CacheEvent, type CacheEvents, type CacheListener } from '../../store/cache-events.js';
import { redactDatabaseUrl } from './url.js';

export const CACHE_CHANNEL = 'tessera_cache';
const TOPICS = new Set(['project', 'sdk', 'keys', 'rbac', 'all']);

function parse(payload: string | undefined): CacheEvent | null {
  try {
    const e = JSON.parse(payload ?? '') as { topic?: unknown; projectId?: unknown };
    if (typeof e.topic !== 'string' || !TOPICS.has(e.topic)) return null;
    if (e.topic === 'all') return { topic: 'all' };
    if (typeof e.projectId !== 'string') return null;
    return { topic: e.topic as Exclude<CacheEvent['topic'], 'all'>, projectId: e.projectId };
  } catch {
    return null;
  }
}

export class PostgresCacheEvents implements CacheEvents {
  readonly #listeners = new CacheListeners();
  #client: pg.Client | null = null;
  #closed = false;
  #retryMs = 100;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    /** Sends the NOTIFYs (the server's pool). */
    private readonly pool: pg.Pool,
    private readonly log?: Logger,
  ) {}

  /** Connects the listener; resolves once it LISTENs (rejects when PostgreSQL cannot be reached). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async publish(event: CacheEvent): Promise<void> {
    this.#listeners.emit(event);
    try {
      await this.pool.query('select pg_notify($1, $2)', [CACHE_CHANNEL, JSON.stringify(event)]);
    } catch (err) {
      // The change itself committed; other instances see it within their caches' TTLs.
      this.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not notify other instances of a cache change');
    }
  }

  subscribe(listener: CacheListener): () => void {
    return this.#listeners.subscribe(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'tessera-listen', connectionTimeoutMillis: 5000 });
    client.on('notification', (msg) => {
      if (msg.channel !== CACHE_CHANNEL) return;
      const event = parse(msg.payload);
      if (event) this.#listeners.emit(event);
    });
    client.on('error', () => {
      // Followed by 'end', which reconnects.
    });
    client.on('end', () => {
      if (this.#client === client) this.#client = null;
      this.#scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw err;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#retryMs = 100;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#connect().then(
        () => {
          if (this.#closed) return;
          this.log?.info({ database: redactDatabaseUrl(this.url) }, 'cache notifications reconnected; dropping cached projects and keys');
          this.#listeners.emit({ topic: 'all' });
        },
        () => {
          this.#retryMs = Math.min(this.#retryMs * 2, 5000);
          this.#scheduleReconnect();
        },
      );
    }, this.#retryMs);
    this.#timer.unref();
  }
}
