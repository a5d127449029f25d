/**
 * WAL checkpoints off the event loop.
 *
 * In WAL mode SQLite copies the log back into the database file (a checkpoint) once the log passes 1,000
 * pages, inside whichever commit crosses that line, and a checkpoint ends with an fsync of the database file.
 * better-sqlite3 is synchronous, so that commit (a session's write-behind access times, a login) held the
 * event loop, and every request waiting behind it, for the checkpoint and its fsync.
 *
 * Instead the server's connection never checkpoints by itself (`wal_autocheckpoint = 0`), and a worker thread
 * with its own connection to the same file runs `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs`: PASSIVE
 * never waits for readers or writers, so the server's queries are not held up, and SQLite's WAL index keeps
 * both connections coherent. Should the worker fail or exit, the server's connection goes back to SQLite's own
 * automatic checkpoints and the failure is logged. Closing the database checkpoints it fully (SQLite does that
 * when the last connection closes).
 *
 * Restarting the log. SQLite writes the log again from its start only when a write transaction begins while
 * every frame in it has been copied back. A PASSIVE checkpoint from another connection while the server keeps
 * writing (the write-behind access times under load, a bulk import) never leaves such a moment: frames are
 * appended while it copies. The log then only grows, and every page read searches a longer WAL index (the
 * benchmark's seeding left a 725 MB WAL; under authenticate load the log grew by ~3,000 pages a second). So when
 * a PASSIVE pass leaves a log longer than `restartFrames` (SQLite's own 1,000 pages), the worker follows it with
 * a RESTART checkpoint: it takes the write lock, copies the few frames appended meanwhile, syncs, and waits for
 * readers, so the next write restarts the log. The server's writes wait for that short moment only: the
 * write-behind batch does not wait at all (it fails and is retried), others through the busy timeout.
 *
 * Should that fail (a reader holding an old snapshot, a lock held elsewhere), each report carries the log's
 * length, and past `WAL_BEHIND_FRAMES` (4,000 pages, ~16 MB) the server's connection checkpoints on commit
 * again, as SQLite does by default, until a later report shows the log short; then the worker takes over again.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../log.js';

/** SQLite's default automatic checkpoint threshold, in pages: what the server falls back to. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/** A log longer than this (in pages) is not being restarted by the worker's checkpoints: SQLite's own resume. */
export const WAL_BEHIND_FRAMES = 4 * SQLITE_AUTOCHECKPOINT_PAGES;

/** What the WAL file is truncated to when the log restarts (`journal_size_limit`, set in open.ts). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let timer;
const tick = () => {
  try {
    let [result] = db.pragma('wal_checkpoint(PASSIVE)');
    let restarted = false;
    if (result.log > workerData.restartFrames) {
      [result] = db.pragma('wal_checkpoint(RESTART)');
      restarted = result.busy === 0;
    }
    // After a RESTART that completed, the next write starts the log over: report it as empty.
    parentPort.postMessage({ checkpointed: true, log: restarted ? 0 : result.log, restarted });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
timer = setTimeout(tick, workerData.intervalMs);
`;

export interface Checkpointer {
  /** Checkpoints run by the worker so far (for tests and metrics). */
  readonly runs: number;
  /** Times the server's connection went back to checkpointing on commit because the log outgrew the worker. */
  readonly fallbacks: number;
  /** RESTART checkpoints the worker completed (each lets the next write start the log over). */
  readonly restarts: number;
  /** Stops the worker and waits for it to close its connection. */
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for `file`. `setAutoCheckpoint(pages)` sets the server connection's
 * `wal_autocheckpoint`: 0 once the worker is ready, back to SQLite's default if the worker fails.
 */
export function startCheckpointer(
  file: string,
  setAutoCheckpoint: (pages: number) => void,
  opts: {
    intervalMs?: number;
    log?: Pick<Logger, 'warn'>;
    /** Log length (pages) past which a RESTART follows; default 1,000. */
    restartFrames?: number;
    /** Called on the server's thread after each checkpoint the worker completed (the file may have grown). */
    onCheckpoint?: () => void;
  } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const restartFrames = opts.restartFrames ?? SQLITE_AUTOCHECKPOINT_PAGES;
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs: opts.intervalMs ?? 1000, restartFrames } });
  worker.unref();
  let runs = 0;
  let fallbacks = 0;
  let restarts = 0;
  /** The server's connection is checkpointing on commit because the log outgrew the worker. */
  let inline = false;
  let stopping = false;
  let warned = false;
  // Never throw from a worker event: a failure to set the pragma leaves SQLite's own behaviour in place.
  const setPages = (pages: number) => {
    try {
      setAutoCheckpoint(pages);
    } catch (err) {
      opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not set wal_autocheckpoint');
    }
  };
  const fallBack = (why: string) => {
    setPages(SQLITE_AUTOCHECKPOINT_PAGES);
    if (!warned) opts.log?.warn({ err: why }, 'background WAL checkpoints stopped; SQLite checkpoints on commit again');
    warned = true;
  };
  worker.on('message', (m: { ready?: true; checkpointed?: true; log?: number; restarted?: boolean; error?: string }) => {
    if (stopping) return;
    if (m.ready) setPages(0);
    else if (m.error !== undefined) opts.log?.warn({ err: m.error }, 'background WAL checkpoint failed; retrying');
    else {
      runs++;
      if (m.restarted) restarts++;
      const behind = (m.log ?? 0) > WAL_BEHIND_FRAMES;
      if (behind !== inline) {
        inline = behind;
        if (behind) fallbacks++;
        setPages(behind ? SQLITE_AUTOCHECKPOINT_PAGES : 0);
      }
      try {
        opts.onCheckpoint?.();
      } catch (err) {
        opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'after-checkpoint hook failed');
      }
    }
  });
  worker.on('error', (err) => fallBack(err.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) fallBack('the checkpoint worker exited');
      resolve();
    }),
  );
  return {
    get runs() {
      return runs;
    },
    get fallbacks() {
      return fallbacks;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      setPages(SQLITE_AUTOCHECKPOINT_PAGES);
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
