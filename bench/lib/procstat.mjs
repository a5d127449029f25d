// procstat.mjs: CPU accounting from /proc (Linux) and a description of the machine.
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { REPO_DIR } from './util.mjs';

let CLK_TCK = 100;
try { CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100; } catch { /* Linux default */ }

/** `/proc/<entry>/stat`: a process (`<pid>`, CPU of all its threads) or one thread (`<pid>/task/<tid>`). */
function readStat(entry) {
  try {
    const s = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(') ') + 2).split(' '); // fields from #3 (state) on
    return { ppid: +f[1], cpu: (+f[11] + +f[12]) / CLK_TCK }; // utime + stime
  } catch { return null; }
}

/** PIDs of `root` and all its live descendants (scan of /proc; cheap on a small machine). */
export function processTree(root) {
  const children = new Map();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const st = readStat(e);
    if (!st) continue;
    if (!children.has(st.ppid)) children.set(st.ppid, []);
    children.get(st.ppid).push(+e);
  }
  const out = [], stack = [root];
  while (stack.length) {
    const p = stack.pop();
    out.push(p);
    for (const c of children.get(p) ?? []) stack.push(c);
  }
  return out;
}

function statusKb(pid, key) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  } catch { return NaN; }
}

/**
 * Resident memory, in bytes, from /proc/<pid>/status: `rss` now (VmRSS) and `peak` (VmHWM, the high-water
 * mark) of the root process (the target script, which runs the server in-process: all its threads, the
 * libuv pool and the password workers included), and `tree`: the sum of VmRSS over the process and its
 * descendants with their count. For a one-process server the two are the same; where there are children
 * (PostgreSQL's processes, workerd, a second instance) the sum counts their shared pages several times, so
 * it is an upper bound.
 *
 * `mapped`: of the tree's VmRSS, the resident pages of `files` mapped into its processes (from
 * /proc/<pid>/smaps). Tessera reads its SQLite file through a memory mapping, so the file's pages in the
 * kernel's page cache count in its VmRSS; a server that reads the file with `pread` (the baseline, Tessera
 * with TESSERA_SQLITE_MMAP_MB=0) holds the same pages in the same cache without counting them. `own` is the
 * tree's VmRSS without them: the memory the process itself holds.
 */
export function memoryOf(pid, files = []) {
  const rss = statusKb(pid, 'VmRSS');
  if (!Number.isFinite(rss)) return null;
  const pids = processTree(pid);
  const treeRss = pids.reduce((a, p) => a + (statusKb(p, 'VmRSS') || 0), 0);
  const mapped = pids.reduce((a, p) => a + mappedResident(p, files), 0);
  return { rss, peak: statusKb(pid, 'VmHWM'), tree: { rss: treeRss, processes: pids.length }, mapped, own: treeRss - mapped };
}

/** Resident bytes of the mappings of `files` in process `pid` (0 when it maps none of them or is gone). */
function mappedResident(pid, files) {
  if (!files.length) return 0;
  const wanted = new Set(files.map((f) => { try { return fs.realpathSync(f); } catch { return f; } }));
  let text;
  try { text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8'); } catch { return 0; }
  let inFile = false, total = 0;
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) { inFile = wanted.has(header[1]); continue; }
    if (inFile && line.startsWith('Rss:')) total += Number(/(\d+) kB/.exec(line)?.[1] ?? 0) * 1024;
  }
  return total;
}

/** CPU seconds (user + system) used so far by `root` and its live descendants. */
export function treeCpuSecs(root) {
  let sum = 0;
  for (const p of processTree(root)) sum += readStat(p)?.cpu ?? 0;
  return sum;
}

/**
 * CPU seconds (user + system) used so far by the main thread of `pid` alone: for a Node server, its event
 * loop, apart from libuv's threadpool (where Tessera and the baseline sign JWTs), V8's helper threads and
 * worker threads. NaN when it cannot be read.
 */
export function mainThreadCpuSecs(pid) {
  return readStat(`${pid}/task/${pid}`)?.cpu ?? NaN;
}

/** Busy CPU seconds of the whole machine (user + nice + system, all cores). irq/softirq left out, as in wrkrun.mjs. */
export function machineBusySecs() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2]) / CLK_TCK;
}

/** CPU seconds of this process (all threads: the load generator runs here). */
export function selfCpuSecs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function pkgVersion(name) {
  try { return JSON.parse(fs.readFileSync(new URL(import.meta.resolve(`${name}/package.json`)), 'utf8')).version; } catch { /* fall through */ }
  for (const base of [`${REPO_DIR}/bench/node_modules`, `${REPO_DIR}/node_modules`]) {
    try { return JSON.parse(fs.readFileSync(`${base}/${name}/package.json`, 'utf8')).version; } catch { /* next */ }
  }
  return null;
}

export function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try { cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? cpu; } catch { /* keep */ }
  let commit = null;
  try { commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* not a git checkout */ }
  let hypervisor = null;
  try { hypervisor = /\bhypervisor\b/.test(fs.readFileSync('/proc/cpuinfo', 'utf8')) ? 'yes' : 'no'; } catch { /* unknown */ }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    virtualised: hypervisor,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    openssl: process.versions.openssl,
    commit,
    loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    versions: {
      autocannon: pkgVersion('autocannon'),
      'better-auth': pkgVersion('better-auth'),
      'better-sqlite3': pkgVersion('better-sqlite3'),
      jose: pkgVersion('jose'),
      '@tessera/node': pkgVersion('@tessera/node'),
      '@tessera/server': pkgVersion('@tessera/server'),
    },
  };
}
