// sign-rate.mjs: the machine's RS256 signing rate, 1 process vs 2 processes at once (like the team's reference script `twocore.mjs`).
// It answers "is the second vCPU a real second core right now?" and gives the physical limit of the fresh-JWT path.
// Children start together (barrier: each generates its key, reports ready, then all get "go" at once).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register, stop } from './children.mjs';
import { machineBusySecs, selfCpuSecs } from './procstat.mjs';

const CHILD = fileURLToPath(new URL('./sign-child.mjs', import.meta.url));

export async function signRate(procs, ms) {
  const kids = Array.from({ length: procs }, () => {
    const c = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    register(c, `sign-child-${procs}`);
    return c;
  });
  try {
    await Promise.all(kids.map((c) => new Promise((res, rej) => {
      c.once('message', (m) => (m?.ready ? res() : rej(new Error('sign child: unexpected message'))));
      c.once('exit', (code) => rej(new Error(`sign child exited early (${code})`)));
    })));
    const m0 = machineBusySecs(), h0 = selfCpuSecs(), t0 = performance.now();
    const results = await Promise.all(kids.map((c) => new Promise((res, rej) => {
      c.once('message', res);
      c.once('exit', (code) => rej(new Error(`sign child exited (${code}) before reporting`)));
      c.send({ go: ms });
    })));
    const wall = (performance.now() - t0) / 1000;
    // machine busy CPU minus the signers' own CPU and the harness's: other processes on the machine (accounting ±30%)
    const foreign = (machineBusySecs() - m0 - (selfCpuSecs() - h0) - results.reduce((a, r) => a + r.cpu, 0)) / wall;
    return { rates: results.map((r) => r.rate), cpuPerSign: results.map((r) => r.cpu / r.n), foreign };
  } finally {
    await Promise.all(kids.map((c) => stop(c.pid, 1000)));
  }
}

/** One round: 1 process, then 2 processes. Returns { one, two: [a, b], total, scaling, cpuPerSignUs, foreignCpu: [during 1, during 2] }. */
export async function signRound(ms) {
  const a = await signRate(1, ms);
  const b = await signRate(2, ms);
  const one = a.rates[0], two = b.rates, total = two[0] + two[1];
  // cpuPerSignUs: CPU time per signature of the single process (unlike its wall rate, it hardly moves under foreign load)
  return { one, two, total, scaling: total / one, cpuPerSignUs: a.cpuPerSign[0] * 1e6, foreignCpu: [a.foreign, b.foreign] };
}
