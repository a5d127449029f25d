/**
 * `PasswordPool`: every password hash and verification of the server runs here, on a fixed set of worker
 * threads, never on the event loop and never on libuv's threadpool.
 *
 * Why workers: libuv's threadpool (4 threads, process-wide, shared by worker threads too) is where
 * `crypto.sign` runs, i.e. every session JWT. A handful of logins against slow hashes used to fill it, and
 * every project's `sessions/authenticate` then waited seconds behind them. A worker calls the synchronous
 * APIs (`hashSync`, `pbkdf2Sync`, `scryptSync`, bcryptjs `compareSync`, phpass in a loop), so its work
 * stays on its own thread and signing never waits behind a password hash; and it runs at a lower CPU
 * priority (`worker.ts`), so where cores are short, requests get them first.
 *
 * Why a fair queue: jobs wait in one FIFO per project (`FairQueue`), served in rounds, so a project storming
 * with slow hashes delays another project's job by at most the jobs already running (one per worker). Each
 * project may have `queuePerProject` jobs waiting, and all projects together `queueTotal`; past that a job is
 * refused at once with `PasswordQueueFullError` (the domain answers 429 `too_many_requests`) instead of
 * queueing work that would answer after the client gave up.
 *
 * Lifecycle: workers start on `start()` (the server calls it before listening, so the first login finds
 * them warm) or on the first job. A worker that dies is replaced; the job it was running is rejected with
 * `PasswordWorkerError`, never left hanging. `close()` rejects what is waiting and terminates the workers.
 *
 * @example
 * const pool = new PasswordPool({ workers: 1, queuePerProject: 64, queueTotal: 1024 });
 * await pool.start();
 * const stored = await pool.hash(projectId, password);
 * const { ok, rehashed } = await pool.verify(projectId, stored, password);
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { FairQueue } from './fair-queue.js';
import type { JobValue, PasswordJob, VerifyOutcome, WorkerMessage, WorkerRequest } from './protocol.js';
import { DEFAULT_WORKER_ENTRY, spawnWorker } from './spawn-worker.js';

export interface PasswordPoolOptions {
  /** Worker threads, each running one job at a time. */
  readonly workers: number;
  /** Jobs one project may have waiting (not counting those running). */
  readonly queuePerProject: number;
  /** Jobs all projects together may have waiting. */
  readonly queueTotal: number;
}

/** A job refused because its project's queue (`project`) or the whole queue (`total`) is full. */
export class PasswordQueueFullError extends Error {
  override readonly name = 'PasswordQueueFullError';
  constructor(readonly scope: 'project' | 'total') {
    super(scope === 'project' ? "this project's password queue is full" : 'the password queue is full');
  }
}

/** A job whose worker died (or was terminated by `close()`) before answering, or that threw in the worker. */
export class PasswordWorkerError extends Error {
  override readonly name = 'PasswordWorkerError';
}

/** What a job was for, as counted in `stats().completed`: `dummy` is a verification against the dummy hash. */
export type PasswordJobKind = 'hash' | 'verify' | 'dummy';

export interface PasswordPoolStats {
  readonly workers: number;
  /** Thread ids of the live workers (the main thread's is 0). */
  readonly threadIds: readonly number[];
  /** Their nice values, in the same order (null where the OS has no per-thread priority). */
  readonly workerNice: readonly (number | null)[];
  readonly running: number;
  readonly queued: number;
  readonly completed: Readonly<Record<PasswordJobKind, number>>;
  /** Completed jobs by the worker thread that ran them. */
  readonly completedByThread: Readonly<Record<number, number>>;
  /** Jobs answered with an error (thrown in the worker, or the worker died). */
  readonly failed: number;
  /** Jobs refused with `PasswordQueueFullError`. */
  readonly refused: number;
  /** Workers replaced after dying. */
  readonly restarts: number;
}

interface Pending {
  readonly id: number;
  readonly kind: PasswordJobKind;
  readonly job: PasswordJob;
  readonly resolve: (value: JobValue) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  threadId: number;
  nice: number | null;
  ready: boolean;
  readonly online: Promise<void>;
  running: Pending | null;
}

/** Queue key of the pool's own setup job (a project id is never empty). */
const INTERNAL = '';

export class PasswordPool {
  private readonly queue: FairQueue<Pending>;
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private closed = false;
  private dummy: Promise<string> | undefined;
  private readonly completed: Record<PasswordJobKind, number> = { hash: 0, verify: 0, dummy: 0 };
  private readonly byThread = new Map<number, number>();
  private failed = 0;
  private refused = 0;
  private restarts = 0;

  constructor(
    readonly options: PasswordPoolOptions,
    /** The worker module; tests may pass one that wraps `worker.ts`. */
    private readonly entry: URL = DEFAULT_WORKER_ENTRY,
  ) {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError('PasswordPool needs at least one worker');
    this.queue = new FairQueue(options.queuePerProject, options.queueTotal);
  }

  /**
   * Starts the workers, waits until each has loaded, and computes the dummy hash. The server calls it
   * before it listens; without it, the workers start with the first job.
   */
  async start(): Promise<void> {
    this.fill();
    await Promise.all([...this.slots].map((s) => s.online));
    await this.dummyHash();
  }

  /** A new argon2id hash of `password` (`hashPassword`), for the project `queueKey`. */
  async hash(queueKey: string, password: string): Promise<string> {
    return (await this.submit(queueKey, 'hash', { kind: 'hash', password })) as string;
  }

  /** `verifyStoredPassword(stored, password)`, plus the upgraded hash when one is due (`rehashed`). */
  async verify(queueKey: string, stored: string, password: string): Promise<VerifyOutcome> {
    return (await this.submit(queueKey, 'verify', { kind: 'verify', stored, password })) as VerifyOutcome;
  }

  /**
   * Verifies `password` against a dummy argon2id hash (same parameters as real ones, made once per pool)
   * and discards the result: the work a wrong password costs, for an account that does not exist, so the
   * two answer in the same time.
   */
  async verifyDummy(queueKey: string, password: string): Promise<void> {
    const stored = await this.dummyHash();
    await this.submit(queueKey, 'dummy', { kind: 'verify', stored, password });
  }

  stats(): PasswordPoolStats {
    const live = [...this.slots].filter((s) => s.ready);
    return {
      workers: this.options.workers,
      threadIds: live.map((s) => s.threadId),
      workerNice: live.map((s) => s.nice),
      running: [...this.slots].filter((s) => s.running).length,
      queued: this.queue.length,
      completed: { ...this.completed },
      completedByThread: Object.fromEntries(this.byThread),
      failed: this.failed,
      refused: this.refused,
      restarts: this.restarts,
    };
  }

  /** Rejects every waiting job and terminates the workers (running jobs are rejected as they end). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.queue.drain()) pending.reject(new PasswordWorkerError('the password pool is closed'));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
  }

  private dummyHash(): Promise<string> {
    if (this.dummy) return this.dummy;
    const dummy = this.submit(INTERNAL, 'hash', { kind: 'hash', password: randomBytes(32).toString('base64') }) as Promise<string>;
    // A failed attempt (pool closing, worker died) is not remembered: the next caller tries again.
    dummy.catch(() => {
      if (this.dummy === dummy) this.dummy = undefined;
    });
    return (this.dummy = dummy);
  }

  private submit(queueKey: string, kind: PasswordJobKind, job: PasswordJob): Promise<JobValue> {
    if (this.closed) return Promise.reject(new PasswordWorkerError('the password pool is closed'));
    this.fill();
    return new Promise<JobValue>((resolve, reject) => {
      const result = this.queue.push(queueKey, { id: this.nextId++, kind, job, resolve, reject });
      if (result !== 'queued') {
        this.refused++;
        reject(new PasswordQueueFullError(result === 'key_full' ? 'project' : 'total'));
        return;
      }
      this.dispatch();
    });
  }

  /** Hands waiting jobs to idle workers, fairest first. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running) continue;
      const next = this.queue.shift();
      if (!next) break;
      slot.running = next.item;
      slot.worker.postMessage({ id: next.item.id, job: next.item.job } satisfies WorkerRequest);
    }
    if (this.queue.length === 0 && [...this.slots].every((s) => !s.running)) this.queue.idle();
  }

  /** Starts workers up to the configured number. */
  private fill(): void {
    while (!this.closed && this.slots.size < this.options.workers) this.spawn();
  }

  private spawn(): void {
    const worker = spawnWorker(this.entry);
    // Workers do not keep the process alive on their own; the server (or a test) does.
    worker.unref();
    let markOnline!: () => void;
    let failOnline!: (error: Error) => void;
    const online = new Promise<void>((resolve, reject) => {
      markOnline = resolve;
      failOnline = reject;
    });
    online.catch(() => {}); // observed by start(), if anyone calls it
    const slot: Slot = { worker, threadId: worker.threadId, nice: null, ready: false, online, running: null };
    this.slots.add(slot);

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        slot.threadId = message.threadId;
        slot.nice = message.nice;
        markOnline();
        this.dispatch();
        return;
      }
      const pending = slot.running;
      if (!pending || pending.id !== message.id) return;
      slot.running = null;
      if (message.type === 'done') {
        this.completed[pending.kind]++;
        this.byThread.set(message.threadId, (this.byThread.get(message.threadId) ?? 0) + 1);
        pending.resolve(message.value);
      } else {
        this.failed++;
        pending.reject(new PasswordWorkerError(`password job failed in its worker: ${message.message}`));
      }
      this.dispatch();
    });

    let lastError: Error | undefined;
    worker.on('error', (error) => (lastError = error));
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      const reason = `password worker ${slot.threadId} exited (code ${code}${lastError ? `: ${lastError.message}` : ''})`;
      if (slot.running) {
        this.failed++;
        slot.running.reject(new PasswordWorkerError(this.closed ? 'the password pool is closed' : reason));
      }
      if (this.closed) return;
      if (!slot.ready) {
        // It never loaded: starting another would fail the same way. Report it, and fail what waits when
        // no worker is left; the next job tries again.
        failOnline(new PasswordWorkerError(reason, { cause: lastError }));
        if (this.slots.size === 0) {
          for (const pending of this.queue.drain()) {
            this.failed++;
            pending.reject(new PasswordWorkerError(reason, { cause: lastError }));
          }
        }
        return;
      }
      this.restarts++;
      this.fill();
    });
  }
}
