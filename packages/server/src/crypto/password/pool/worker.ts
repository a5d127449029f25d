/**
 * A password worker: runs one job at a time from `PasswordPool`, with the synchronous hashing APIs, so the
 * work happens on this thread and never on libuv's threadpool (process-wide, where JWT signing runs).
 * It announces itself with `ready` once loaded; a job that throws answers `failed` and the worker carries on.
 *
 * @module
 */
import { parentPort, threadId } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './protocol.js';
import { runJob } from './run-job.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread (see PasswordPool)');

port.on('message', ({ id, job }: WorkerRequest) => {
  let reply: WorkerMessage;
  try {
    reply = { type: 'done', id, threadId, value: runJob(job) };
  } catch (error) {
    reply = { type: 'failed', id, threadId, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready', threadId } satisfies WorkerMessage);
