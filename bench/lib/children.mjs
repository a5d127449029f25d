// children.mjs: every process the harness starts is registered here and stopped by PID
// (its own PID and the PIDs of its descendants, found in /proc), on success, on error and on SIGINT/SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { processTree } from './procstat.mjs';
import { RESULTS_DIR, sleep } from './util.mjs';

const live = new Map(); // pid -> { name, child }
const PIDS_LOG = path.join(RESULTS_DIR, 'pids.log');

export function register(child, name) {
  live.set(child.pid, { name, child });
  try { fs.appendFileSync(PIDS_LOG, `${new Date().toISOString()} harness ${process.pid} started ${child.pid} ${name}\n`); } catch { /* best effort */ }
  child.once('exit', () => live.delete(child.pid));
}

function signalTree(pid, sig) {
  // children first, so a supervisor does not restart them
  for (const p of processTree(pid).reverse()) { try { process.kill(p, sig); } catch { /* already gone */ } }
}

/** Stop one registered child: SIGTERM to it and its descendants, SIGKILL after `graceMs`. */
export async function stop(pid, graceMs = 3000) {
  const tree = processTree(pid);
  for (const p of [...tree].reverse()) { try { process.kill(p, 'SIGTERM'); } catch { /* gone */ } }
  const end = Date.now() + graceMs;
  while (Date.now() < end && tree.some(alive)) await sleep(50);
  for (const p of tree) if (alive(p)) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
  live.delete(pid);
}
function alive(p) { try { process.kill(p, 0); return true; } catch { return false; } }

export async function stopAll() {
  await Promise.all([...live.keys()].map((pid) => stop(pid)));
}

/** Synchronous last resort (process 'exit' handler): SIGKILL what is still registered. */
export function killAllSync() {
  for (const pid of [...live.keys()]) signalTree(pid, 'SIGKILL');
  live.clear();
}

export function liveCount() { return live.size; }

let installed = false;
export function installSignalHandlers(onExit) {
  if (installed) return;
  installed = true;
  process.on('exit', () => { killAllSync(); onExit?.(); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, async () => {
      process.stderr.write(`\n${sig}: stopping ${live.size} child process(es) by PID...\n`);
      await Promise.race([stopAll(), sleep(5000)]);
      process.exit(130);
    });
  }
}
