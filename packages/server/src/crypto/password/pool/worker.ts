/**
 * A password worker: runs one job at a time from `PasswordPool`, with the synchronous hashing APIs, so the
 * work happens on this thread and never on libuv's threadpool (process-wide, where JWT signing runs).
 * It announces itself with `ready` once loaded; a job that throws answers `failed` and the worker carries on.
 *
 * It also lowers its own CPU priority (nice +10, where the OS has per-thread priorities: Linux): on a
 * machine with fewer free cores than busy threads, a hash then yields the CPU to the event loop and to
 * the signing threads instead of taking turns with them. It never starves: a nice-10 thread still gets
 * about a tenth of a contended core, and all of an idle one.
 *
 * @module
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, threadId } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './protocol.js';
import { runJob } from './run-job.js';

/** Nice value of password workers: 0 is normal, 19 the lowest priority. */
const WORKER_NICE = 10;

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread (see PasswordPool)');
const nice = lowerPriority();

port.on('message', ({ id, job }: WorkerRequest) => {
  let reply: WorkerMessage;
  try {
    reply = { type: 'done', id, threadId, value: runJob(job) };
  } catch (error) {
    reply = { type: 'failed', id, threadId, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready', threadId, nice } satisfies WorkerMessage);

/** This thread's nice value after setting it, or null where threads have no priority of their own. */
function lowerPriority(): number | null {
  try {
    // Linux: the nice value is per thread, and /proc/thread-self links to /proc/<pid>/task/<this thread's id>.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid) || tid <= 0) return null;
    // Only ever lower it: a process already started with a higher nice value keeps it.
    if (getPriority(tid) < WORKER_NICE) setPriority(tid, WORKER_NICE);
    return getPriority(tid);
  } catch {
    return null; // not Linux, or not allowed: run at the normal priority
  }
}
