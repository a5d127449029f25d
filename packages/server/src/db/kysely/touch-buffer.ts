/**
 * Write-behind for `last_accessed_at`. Every session authenticate moves it, and writing it at once made the
 * authenticate hot path a write transaction (an UPDATE ... RETURNING, measured at 3x a point SELECT in
 * SQLite). Instead the hot path reads the session and records the new time here; a flush writes the pending
 * times 250 ms later (sooner past `maxPending` sessions, and on close), and never moves a time backwards.
 *
 * What is delayed is only the stored `last_accessed_at`: the response and the JWT carry the new time at once,
 * reads through the same store see it (`overlay`), and expiry, extension and revocation are written
 * immediately.
 *
 * What a crash (kill -9; power loss aside) can lose, precisely:
 * - the access times recorded in the last `delayMs` (250 ms) before it, plus the time a flush takes (one
 *   flush writes at most `maxPending` = 1,000 rows, in transactions of `maxBatch`) and any lag of the
 *   event loop behind its timer;
 * - a session used only in that window keeps its previous stored `last_accessed_at`, which is older than
 *   the time its client last saw by however long the session had been idle before: the window bounds which
 *   accesses are lost, not how stale the stored value is;
 * - while another process (the CLI, any other writer of the file) holds the write lock, a flush does not wait
 *   for it (a busy wait would stall every request): it keeps its times and retries every `delayMs`, so the
 *   window grows by as long as the lock is held. Nothing is dropped while the process runs; a failure is
 *   logged when it starts and as it goes on, and the recovery is logged. Close retries for `drainMs` (5 s).
 * - one flush is several small transactions (`maxBatch` rows each, a yield to requests between them); a crash
 *   between two of them leaves the earlier ones committed, which is within the same window.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../log.js';
import type { Database } from '../schema.js';
import { param, prepared, type DirectRunner, type Prepared } from './prepared.js';

export interface TouchBufferOptions {
  /** How long a touch may wait before it is written; also the retry interval after a failed write. */
  delayMs?: number;
  /** Flush at once at this many pending sessions. */
  maxPending?: number;
  /**
   * The most rows one write transaction holds (default 32). SQLite writes on the event loop: measured on the
   * 2-vCPU dev box, 125 rows (a 250 ms flush at 500 req/s) held it ~1.0 ms, 32 rows ~0.2 ms. Small
   * transactions with a yield between them keep a flush from delaying the requests that arrive during it
   * (the open-loop p99); the extra commits cost little in WAL mode without fsync.
   */
  maxBatch?: number;
  /** How long `drain` (close) keeps retrying while the database is locked. */
  drainMs?: number;
  log: Logger;
  /** The driver's synchronous fast path (SQLite), if any: see prepared.ts. */
  direct?: DirectRunner;
  /** SQLite: write each row through the rowid its read returned (see the constructor); the caller knows the dialect. */
  byRowid: boolean;
}

/** A session's newest access time not yet written, and where its row is (SQLite's rowid, when known). */
interface Touch {
  at: number;
  row: number | null;
}

const NOTHING: ReadonlyMap<string, Touch> = new Map();

export class TouchBuffer {
  #pending = new Map<string, Touch>();
  /** The times being written: still overlaid until their transaction commits (or put back if it fails). */
  #writing: ReadonlyMap<string, Touch> = NOTHING;
  readonly #update: Prepared<unknown>;
  readonly #delayMs: number;
  readonly #maxPending: number;
  readonly #maxBatch: number;
  readonly #drainMs: number;
  readonly #byRowid: boolean;
  readonly #log: Logger;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The write under way, if any: one at a time. */
  #inFlight: Promise<void> | undefined;
  /** Failed writes in a row (0 when the last one succeeded). */
  #failures = 0;

  constructor(db: Kysely<Database>, table: 'sessions' | 'member_sessions', idColumn: 'session_id' | 'member_session_id', opts: TouchBufferOptions) {
    // Both session tables have these columns; the id column is the table's own. SQLite: the row is found by
    // the rowid its read returned (`row`), not through the id's index: by the time a flush runs, that
    // index's pages have often left the page cache of a large database (issue #18: 2 of ~11 file reads per
    // authenticate at 1,000,000 sessions). A rowid that no longer names the session (the row deleted and
    // the rowid reused, a VACUUM that renumbered rows) or none (`null`) falls back to the id.
    this.#byRowid = opts.byRowid;
    this.#update = prepared(db, () => {
      const update = db.updateTable(table as 'sessions').set({ last_accessed_at: param('at') });
      const t = sql.table(table);
      const id = sql.ref(idColumn);
      const located = this.#byRowid
        ? update.where(sql`rowid`, '=', sql`coalesce((select rowid from ${t} where rowid = ${param('row')} and ${id} = ${param('id')}), (select rowid from ${t} where ${id} = ${param('id')}))`)
        : update.where(idColumn as 'session_id', '=', param('id'));
      return located.where('last_accessed_at', '<', param('at'));
    }, opts.direct);
    this.#delayMs = opts.delayMs ?? 250;
    this.#maxPending = opts.maxPending ?? 1_000;
    this.#maxBatch = opts.maxBatch ?? 32;
    this.#drainMs = opts.drainMs ?? 5_000;
    this.#log = opts.log;
  }

  /** The UPDATE a flush runs per session (for EXPLAIN in tests). */
  get updateSql(): string {
    return this.#update.sql;
  }

  /** Access times not yet committed (pending plus the write under way): the operator's queue-depth gauge. */
  get depth(): number {
    return this.#pending.size + this.#writing.size;
  }

  /** `row`: the session row's rowid as its read returned it (SQLite), if known. */
  record(sessionId: string, at: number, row: number | null = null): void {
    const previous = this.#pending.get(sessionId);
    if (previous === undefined) this.#pending.set(sessionId, { at, row });
    else {
      if (at > previous.at) previous.at = at;
      previous.row ??= row;
    }
    // While writes fail, only the retry timer writes: not every authenticate past maxPending.
    if (this.#pending.size >= this.#maxPending && this.#failures === 0 && !this.#inFlight) void this.flush();
    else this.#timer ??= setTimeout(this.#onTimer, this.#delayMs);
  }

  /** The stored access time, or a later one still waiting to be written. */
  overlay(sessionId: string, stored: number): number {
    return Math.max(stored, this.#pending.get(sessionId)?.at ?? stored, this.#writing.get(sessionId)?.at ?? stored);
  }

  /**
   * Writes everything pending now (after the write under way, if any). Resolves once it is committed, or
   * once a write failed: the times are then kept, reported, and retried `delayMs` later.
   */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#inFlight) return this.#inFlight.then(() => this.flush());
    if (this.#pending.size === 0) return Promise.resolve();
    const run = this.#writeAll().finally(() => (this.#inFlight = undefined));
    this.#inFlight = run;
    return run;
  }

  /** Flushes, retrying every `delayMs` for up to `drainMs` while writes fail (on close); reports what is left. */
  async drain(): Promise<void> {
    const until = Date.now() + this.#drainMs;
    for (;;) {
      await this.flush();
      if (this.#pending.size === 0) return;
      if (Date.now() >= until) break;
      await new Promise((resolve) => setTimeout(resolve, this.#delayMs));
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#log.error({ sessions: this.#pending.size, failed_writes: this.#failures }, 'session access times not written at close: the database stayed locked');
  }

  #onTimer = (): void => {
    this.#timer = undefined;
    void this.flush();
  };

  /** Writes the pending times in transactions of at most `maxBatch` rows, yielding to requests between them. */
  async #writeAll(): Promise<void> {
    const all = this.#pending;
    this.#pending = new Map();
    this.#writing = all;
    try {
      let chunk: Record<string, unknown>[] = [];
      let left = all.size;
      for (const [id, { at, row }] of this.#byRowid ? inRowidOrder(all) : all) {
        chunk.push({ id, at, row });
        left--;
        if (chunk.length < this.#maxBatch && left > 0) continue;
        await this.#update.executeBatch(chunk);
        chunk = [];
        if (left > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      // Put everything back (the newer time wins; rewriting chunks that did commit is a no-op), and retry.
      for (const [id, touch] of all) {
        const newer = this.#pending.get(id);
        if (newer === undefined) this.#pending.set(id, touch);
        else if (touch.at > newer.at) newer.at = touch.at;
      }
      this.#failures++;
      // Logged on the 1st, 2nd, 4th, 8th... failure in a row: a long lock is reported without flooding the log.
      if ((this.#failures & (this.#failures - 1)) === 0) {
        this.#log.warn(
          { err, failed_writes: this.#failures, sessions: this.#pending.size, retry_ms: this.#delayMs },
          'writing session access times failed; they are kept and retried',
        );
      }
      this.#timer ??= setTimeout(this.#onTimer, this.#delayMs);
      return;
    } finally {
      this.#writing = NOTHING;
    }
    if (this.#failures > 0) {
      this.#log.info({ failed_writes: this.#failures, sessions: all.size }, 'session access times written after failed attempts');
      this.#failures = 0;
    }
  }
}

/**
 * The pending touches by rowid (those without one last). Rows with neighbouring rowids share b-tree leaf
 * pages, so a transaction of `maxBatch` of them dirties (and appends to the WAL) fewer pages than the same
 * number taken in arrival order. Measured with 10 flushes of 1,000 random touches each: 0.64 WAL frames a
 * touch against 0.93 in arrival order at 10,000 sessions; no change at 1,000,000 (1.00), where few share a page.
 */
function inRowidOrder(touches: ReadonlyMap<string, Touch>): [string, Touch][] {
  return [...touches].sort(([, a], [, b]) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER));
}
