#!/usr/bin/env node
// bench/run.mjs: `npm run bench`. Measures, on this machine, one after another with the same duration and concurrency:
// Tessera authenticate (token / session_jwt), the minimal baseline (proto), the peer (Better Auth), local JWT verification
// (@tessera/node vs jose) and the RS256 signing rate (1 vs 2 processes). Interleaved rounds, paired ratios, medians.
// Writes bench/results/latest.{json,svg,md}. See bench/README.md. Never part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { parseOptions } from './lib/options.mjs';
import { machineInfo, treeCpuSecs, mainThreadCpuSecs, machineBusySecs, selfCpuSecs, memoryOf } from './lib/procstat.mjs';
import { installSignalHandlers, register, stop, stopAll, liveCount } from './lib/children.mjs';
import { startTarget, sanityCheck, fetchStats, logFileFor } from './lib/http-target.mjs';
import { compileInfo, runLoad } from './lib/loadgen.mjs';
import { signRound } from './lib/sign-rate.mjs';
import { runOpenLoop } from './lib/openloop.mjs';
import { coldStart } from './lib/coldstart.mjs';
import { summarizeHttp, summarizeSign, computeCeiling, summarizeVerify, summarizeOpenLoop, stormSummary, profileSummary, sessionsScaleSummary, markdown, svg, toJson } from './lib/report.mjs';
import { BENCH_DIR, RESULTS_DIR, sleep, loud, info, int, fix, pct } from './lib/util.mjs';

const FOREIGN_FLAG_CORES = 0.25;
const START_PARALLEL = Math.max(1, Number(process.env.BENCH_START_PARALLEL) || 1);
const INFO_TIMEOUT_S = Math.max(10, Number(process.env.BENCH_INFO_TIMEOUT) || 120);

async function mapLimit(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; await fn(items[i], i); }
  }));
}
// Tessera's own target is written by the server team; BENCH_TESSERA_SCRIPT points elsewhere (e.g. to test the plumbing).
const TESSERA_SCRIPT = process.env.BENCH_TESSERA_SCRIPT ? path.resolve(process.env.BENCH_TESSERA_SCRIPT) : path.join(BENCH_DIR, 'targets', 'tessera.mjs');
const T = (f) => path.join(BENCH_DIR, 'targets', f);
// What the `tessera` binary sets for itself (packages/server/scripts/bundle.mjs): libuv's threadpool, where JWTs
// are signed, at one thread per core and at least two. Tessera's targets run the server inside the target script, which
// cannot set it for its own process, so they get it in their environment; an explicit UV_THREADPOOL_SIZE wins.
const TESSERA_ENV = { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE || String(Math.max(2, os.availableParallelism())) };
// tessera-1m: sessions in the database (BENCH_1M_SESSIONS to change the count; the variants stay a sample of 10,000).
const BIG_SESSIONS = Math.max(1, Math.round(Number(process.env.BENCH_1M_SESSIONS) || 1_000_000));

/**
 * HTTP targets, in measuring order within a round. The baseline comes right after `tessera-token`, the row its
 * goal pairs it with: a round of every target takes minutes, over which this machine's speed drifts.
 */
const HTTP_TARGETS = [
  { name: 'tessera-token', label: 'Tessera authenticate, session_token (fresh JWT)', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000' }, external: true },
  { name: 'proto', label: 'baseline: node:http + SQLite + jose RS256', script: T('proto.mjs'), env: { ALG: 'RS256', SIGNER: 'jose', MODE: 'full', SEED: '10000' } },
  { name: 'tessera-jwt', label: 'Tessera authenticate, session_jwt', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'jwt', SEED: '10000' }, external: true },
  { name: 'tessera-1m', label: `Tessera authenticate, session_token, ${BIG_SESSIONS.toLocaleString('en-US')} sessions in the database`, script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000', SESSIONS: String(BIG_SESSIONS) }, external: true, infoTimeoutS: Math.max(INFO_TIMEOUT_S, 900) },
  { name: 'tessera-1m-uncached', label: `Tessera authenticate, session_token, ${BIG_SESSIONS.toLocaleString('en-US')} sessions in the database, read caches off`, script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000', SESSIONS: String(BIG_SESSIONS), READ_CACHE: '0' }, external: true, infoTimeoutS: Math.max(INFO_TIMEOUT_S, 900) },
  { name: 'tessera-es256', label: 'Tessera authenticate, session_token, ES256 signing profile', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000', ALG: 'ES256' }, external: true },
  { name: 'tessera-member', label: 'Tessera B2B member session authenticate, session_token', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'member', SEED: '10000' }, external: true },
  { name: 'tessera-member-authz', label: 'Tessera B2B member authenticate + authorization_check', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'member-authz', SEED: '10000' }, external: true },
  { name: 'tessera-pg', label: 'Tessera authenticate, session_token, over PostgreSQL', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000', DB: 'postgres' }, external: true },
  { name: 'tessera-2x', label: 'Two Tessera instances over one PostgreSQL, load spread over both', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000', DB: 'postgres', INSTANCES: '2' }, external: true },
  { name: 'tessera-storm', label: 'Tessera authenticate, session_token, during a login storm in another project', script: TESSERA_SCRIPT, env: { ...TESSERA_ENV, MODE: 'token', SEED: '10000', STORM: 'auto' }, external: true },
  { name: 'edge-jwt', label: '@tessera/edge middleware in workerd, JWT mode (local verification)', script: T('edge.mjs'), env: { MODE: 'jwt', SEED: '1000' } },
  { name: 'edge-token', label: '@tessera/edge middleware in workerd, opaque token (API per request)', script: T('edge.mjs'), env: { MODE: 'token', SEED: '1000' } },
  { name: 'proto-nosign', label: 'baseline without JWT (lookup + touch)', script: T('proto.mjs'), env: { MODE: 'nosign', SEED: '10000' } },
  { name: 'betterauth', label: 'Better Auth get-session (cookieCache off)', script: T('betterauth.mjs'), env: { CC: '0', USERS: '100' } },
  { name: 'betterauth-jwt', label: 'Better Auth get-session + jwt plugin RS256', script: T('betterauth.mjs'), env: { CC: '0', USERS: '100', JWT: '1', JWT_ALG: 'RS256' } },
];

let opts;
try { opts = parseOptions(); } catch (e) { process.stderr.write(`${e.message}\n`); process.exit(64); }
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
installSignalHandlers(() => { try { fs.rmSync(tmpRoot, { recursive: true, force: true }); } catch { /* best effort */ } });

const machine = machineInfo();
const run = {
  schema: 1, date: new Date().toISOString(), finished: null,
  options: { duration: opts.duration, rounds: opts.rounds, connections: opts.connections, warmup: opts.warmup, quick: opts.quick,
    targets: opts.targets, only: opts.only, signMs: opts.signMs, loopMs: opts.loopMs, rate: opts.rate },
  machine,
  http: { baselines: opts.baselines, targets: [] },
  sign: null, ceiling: null, verify: null, openLoop: null, coldStart: null, flags: [],
};
const flag = (msg, isLoud = true) => { run.flags.push(msg); if (isLoud) loud(msg); };

const selectedHttp = HTTP_TARGETS.filter((t) => opts.targets.includes(t.name));
const wantSign = opts.targets.includes('sign'), wantVerify = opts.targets.includes('verify');
const wantOpenLoop = opts.targets.includes('openloop'), wantColdStart = opts.targets.includes('coldstart');
for (const b of opts.baselines) if (!selectedHttp.some((t) => t.name === b)) info(`note: baseline "${b}" is not among the selected targets; its ratio column stays empty`);

info(`Tessera bench: ${machine.cpu}, ${machine.cores} vCPUs, Node ${machine.node}, commit ${machine.commit?.slice(0, 12) ?? '?'}`);
info(`  ${opts.duration} s × ${opts.rounds} rounds, ${opts.connections} connections, warm-up ${opts.warmup} s; targets: ${opts.targets.join(', ')}${opts.quick ? ' (QUICK)' : ''}`);
if (machine.loadavgAtStart[0] > 0.5) info(`  note: load average at start ${machine.loadavgAtStart.join(' ')}: something else is running`);

// ---------------- HTTP stage ----------------
async function httpStage() {
  const recs = selectedHttp.map((t) => ({ name: t.name, label: t.label, script: path.relative(path.dirname(BENCH_DIR), t.script), env: t.env, status: 'pending', rounds: [], flags: [] }));
  run.http.targets = recs;
  const est = selectedHttp.length * (opts.warmup + opts.rounds * (opts.duration + 0.5)) + (wantSign ? opts.rounds * (2 * opts.signMs / 1000 + 1) : 0) + 60;
  // 1. start the servers one after another (each gets the CPU for its seeding, and its own 120 s INFO timeout);
  //    they then all stay up and idle while the others are loaded, as in wrkrun.mjs
  const started = new Map();
  await mapLimit(selectedHttp, START_PARALLEL, async (t, i) => {
    const rec = recs[i];
    if (t.external && !fs.existsSync(t.script)) {
      rec.status = 'skipped'; rec.reason = `${path.relative(path.dirname(BENCH_DIR), t.script)} missing`;
      info(`skipped: ${rec.reason} (${t.name})`);
      return;
    }
    try {
      const s = await startTarget(t, { tmpRoot, runSeconds: est, infoTimeoutMs: (t.infoTimeoutS ?? INFO_TIMEOUT_S) * 1000 });
      started.set(t.name, s);
      rec.startSeconds = s.startSecs; rec.variants = s.info.variants.length; rec.method = s.info.method; rec.path = s.info.path;
      info(`started ${t.name} (pid ${s.pid}, port ${s.port}, ${s.info.variants.length} variants, ready in ${s.startSecs.toFixed(1)} s)`);
    } catch (e) {
      rec.status = 'failed'; rec.reason = `start: ${e.message.split('\n')[0]}`;
      flag(`${t.name} FAILED to start: ${e.message}`);
    }
  });
  // 2. sanity request(s), then warm-up, in order
  const active = [];
  for (const [i, t] of selectedHttp.entries()) {
    const s = started.get(t.name), rec = recs[i];
    if (!s) continue;
    const problems = await sanityCheck(s);
    if (problems.length) {
      rec.status = 'failed'; rec.reason = `sanity request: ${problems[0]}`;
      flag(`${t.name} FAILED its sanity request (not measured: it would measure errors): ${problems.join(' | ')}; log ${s.log}`);
      await stop(s.pid); started.delete(t.name);
      continue;
    }
    s.compiled = compileInfo(s.info);
    const w = await runLoad({ port: s.port, ports: s.info.ports, compiled: s.compiled, seconds: opts.warmup, connections: opts.connections });
    rec.warmup = { rps: w.rps, non2xx: w.non2xx, errors: w.errors, timeouts: w.timeouts, statusCodes: w.statusCodes };
    await settle(s);
    info(`warm-up ${t.name}: ${int(w.rps)} req/s${w.non2xx || w.errors ? `  NON-2XX ${w.non2xx} ERRORS ${w.errors}` : ''}`);
    if (w.non2xx || w.errors || w.requests === 0) flag(`${t.name} warm-up: ${w.requests} responses, ${w.non2xx} non-2xx (${JSON.stringify(w.statusCodes)}), ${w.errors} connection errors`);
    rec.status = 'ok';
    active.push({ t, s, rec, loadSecs: w.seconds });
  }
  // 3. interleaved rounds: A B C [sign], A B C [sign], ...
  const signRounds = [];
  for (let r = 0; r < opts.rounds; r++) {
    for (const a of active) {
      const { t, s, rec } = a;
      if (s.exited()) {
        if (rec.status === 'ok') { rec.status = 'failed'; rec.reason = `server exited during the run (${JSON.stringify(s.exited())})`; flag(`${t.name}: server EXITED during round ${r + 1}; log ${s.log}`); }
        rec.rounds.push(null);
        continue;
      }
      const c0 = treeCpuSecs(s.pid), l0 = mainThreadCpuSecs(s.pid), m0 = machineBusySecs(), h0 = selfCpuSecs(), t0 = performance.now();
      const w = await runLoad({ port: s.port, ports: s.info.ports, compiled: s.compiled, seconds: opts.duration, connections: opts.connections });
      const wall = (performance.now() - t0) / 1000;
      const srv = treeCpuSecs(s.pid) - c0, loop = mainThreadCpuSecs(s.pid) - l0, lg = selfCpuSecs() - h0;
      const row = {
        round: r + 1, rps: w.rps, requests: w.requests, seconds: wall, p50: w.p50, p90: w.p90, p99: w.p99, max: w.max,
        non2xx: w.non2xx, errors: w.errors, timeouts: w.timeouts, statusCodes: w.statusCodes,
        serverCpu: srv / wall, loopCpu: loop / wall, loadgenCpu: lg / wall, foreignCpu: (machineBusySecs() - m0 - srv - lg) / wall, autocannon: w.autocannon,
      };
      rec.rounds.push(row);
      a.loadSecs += wall;
      await settle(s);
      info(`[round ${r + 1}/${opts.rounds}] ${t.name.padEnd(15)} ${int(row.rps).padStart(7)} req/s  p50 ${fix(row.p50)} ms  p99 ${fix(row.p99)} ms  server ${pct(row.serverCpu)}  loadgen ${pct(row.loadgenCpu)}  other ${pct(row.foreignCpu)}`);
      if (row.non2xx || row.errors || row.timeouts || row.requests === 0) {
        const m = `${t.name} round ${r + 1}: ${row.non2xx} NON-2XX responses ${JSON.stringify(row.statusCodes)}, ${row.errors} errors, ${row.timeouts} timeouts: this round measures errors, not authentication`;
        rec.flags.push(m); flag(m);
      }
      if (row.foreignCpu > FOREIGN_FLAG_CORES) {
        const m = `${t.name} round ${r + 1}: foreign CPU load ${row.foreignCpu.toFixed(2)} cores (other processes on the machine; accounting ±30%)`;
        rec.flags.push(m); flag(m, false); info(`  ${m}`);
      }
    }
    if (wantSign) signRounds.push(await measureSign(r));
  }
  // 4. after all the load a server got: its memory (VmRSS/VmHWM, the process and its tree), the size of its
  //    database (INFO `database`), its server-side counters; then it is stopped. The servers the open-loop
  //    stage does not load go first, so that their background work (PostgreSQL's autovacuum and checkpoints,
  //    queued logins, a second workerd) is off the machine while it measures tail latency; the open-loop stage
  //    then adds load to tessera-token, tessera-1m and proto, which are measured and stopped after it.
  const finish = async (list) => {
    for (const a of list) {
      a.rec.memory = memoryOf(a.s.pid, a.s.info.database?.files ?? []);
      if (a.rec.memory) a.rec.memory.afterLoadSeconds = a.loadSecs;
      a.rec.database = databaseSize(a.s.info.database);
      a.rec.serverStats = await fetchStats(a.s);
    }
    await Promise.all(list.map((a) => stop(a.s.pid)));
  };
  try {
    const subjects = wantOpenLoop ? active.filter((a) => OPEN_LOOP_TARGETS.includes(a.t.name)) : [];
    await finish(active.filter((a) => !subjects.includes(a)));
    if (wantOpenLoop) run.openLoop = await openLoopStage(subjects);
    await finish(subjects);
  } finally {
    await Promise.all([...started.values()].map((s) => stop(s.pid))); // those that failed or exited, too
  }
  return signRounds;
}

/** INFO.database = { files, sessions }: bytes on disk now (the SQLite file + its WAL) and per live session. */
function databaseSize(db) {
  if (!db?.files?.length) return null;
  const sizes = db.files.map((f) => { try { return fs.statSync(f).size; } catch { return 0; } });
  const bytes = sizes.reduce((a, b) => a + b, 0);
  return { files: db.files.map((f) => path.basename(f)), sizes, bytes, sessions: db.sessions, bytesPerSession: db.sessions > 0 ? bytes / db.sessions : null };
}

// ---------------- open loop (latency at a carried load) ----------------
// Measured in this order within a round. tessera-token and proto are started here when the HTTP stage did not
// run them (e.g. `--only openloop`); tessera-1m joins only when the HTTP stage has it (it takes minutes to seed).
const OPEN_LOOP_TARGETS = ['tessera-token', 'tessera-1m', 'proto'];
const OPEN_LOOP_ON_DEMAND = ['tessera-token', 'proto'];
async function openLoopStage(active) {
  const own = []; // servers this stage started (stopped at its end)
  const subjects = [];
  try {
    const bare = await startTarget({ name: 'openloop-bare', script: T('bare.mjs') }, { tmpRoot, runSeconds: 60, infoTimeoutMs: 30_000 });
    own.push(bare);
    subjects.push({ name: 'bare', label: 'bare node:http answering a fixed JSON (the floor)', s: bare });
    for (const n of OPEN_LOOP_TARGETS) {
      const a = active.find((x) => x.t.name === n);
      if (a) { subjects.push({ name: n, label: a.t.label, s: a.s, a }); continue; }
      const t = HTTP_TARGETS.find((x) => x.name === n);
      if (!OPEN_LOOP_ON_DEMAND.includes(n) || (t.external && !fs.existsSync(t.script))) continue;
      try {
        const s = await startTarget({ ...t, name: `openloop-${n}` }, { tmpRoot, runSeconds: 60 + 3 * opts.rounds * opts.duration, infoTimeoutMs: (t.infoTimeoutS ?? INFO_TIMEOUT_S) * 1000 });
        own.push(s);
        const problems = await sanityCheck(s);
        if (problems.length) { flag(`open loop: ${n} FAILED its sanity request (not measured): ${problems.join(' | ')}; log ${s.log}`); continue; }
        info(`open loop: started ${n} (pid ${s.pid}, port ${s.port}, ready in ${s.startSecs.toFixed(1)} s)`);
        subjects.push({ name: n, label: t.label, s });
      } catch (e) {
        flag(`open loop: ${n} FAILED to start: ${e.message}`);
      }
    }
    for (const x of subjects) { x.compiled = x.s.compiled ?? compileInfo(x.s.info); x.rounds = []; }
    info(`open loop: ${opts.rate} req/s offered, ${opts.duration} s × ${opts.rounds} rounds: ${subjects.map((x) => x.name).join(', ')}`);
    const window = async (x, seconds) => {
      const c0 = treeCpuSecs(x.s.pid), m0 = machineBusySecs(), h0 = selfCpuSecs();
      const w = await runOpenLoop({ port: x.s.port, compiled: x.compiled, rate: opts.rate, seconds });
      const srv = treeCpuSecs(x.s.pid) - c0, lg = selfCpuSecs() - h0;
      Object.assign(w, { serverCpu: srv / w.seconds, loadgenCpu: lg / w.seconds, foreignCpu: (machineBusySecs() - m0 - srv - lg) / w.seconds });
      if (x.a) x.a.loadSecs += w.seconds;
      return w;
    };
    for (const x of subjects) { await window(x, Math.min(2, opts.duration)); await settle(x.s); } // warm-up
    for (let r = 0; r < opts.rounds; r++) {
      for (const x of subjects) {
        const w = await window(x, opts.duration);
        x.rounds.push(w);
        info(`[open loop ${r + 1}/${opts.rounds}] ${x.name.padEnd(15)} ${int(w.achievedRate)} req/s  p50 ${fix(w.p50)} ms  p99 ${fix(w.p99)} ms  max ${fix(w.max)} ms  late sends ${w.lateSends}  server ${pct(w.serverCpu)}  other ${pct(w.foreignCpu)}`);
        if (w.non2xx || w.errors) flag(`open loop ${x.name} round ${r + 1}: ${w.non2xx} non-2xx ${JSON.stringify(w.statusCodes)}, ${w.errors} errors`);
        if (w.foreignCpu > FOREIGN_FLAG_CORES) flag(`open loop ${x.name} round ${r + 1}: foreign CPU load ${w.foreignCpu.toFixed(2)} cores (its p99 measures the machine as much as the server)`, false);
        await settle(x.s);
      }
    }
  } finally {
    await Promise.all(own.map((s) => stop(s.pid)));
  }
  return { rate: opts.rate, seconds: opts.duration, targets: subjects.map(({ name, label, rounds }) => ({ name, label, rounds })) };
}

/** INFO.settleMs: the target leaves work behind after a window (tessera-storm's queued logins); wait it out. */
async function settle(s) {
  const ms = Number(s.info.settleMs);
  if (Number.isFinite(ms) && ms > 0) await sleep(Math.min(ms, 60_000));
}

// ---------------- RS256 signing rate (one measurement per round) ----------------
async function measureSign(r) {
  const s = await signRound(opts.signMs);
  info(`[round ${r + 1}/${opts.rounds}] ${'sign'.padEnd(15)} 1 proc ${int(s.one)}/s, 2 procs ${int(s.total)}/s (scaling ${fix(s.scaling)}×)  other ${pct(s.foreignCpu[0])} / ${pct(s.foreignCpu[1])}`);
  if (Math.max(...s.foreignCpu) > FOREIGN_FLAG_CORES) {
    const m = `sign round ${r + 1}: foreign CPU load ${Math.max(...s.foreignCpu).toFixed(2)} cores during the signing measurement`;
    flag(m, false); info(`  ${m}`);
  }
  return { round: r + 1, ...s };
}

// ---------------- verify (in-process loop, own child process) ----------------
async function verifyStage() {
  const rounds = Math.max(opts.rounds, 5); // short cases: more rounds pair better, and cost little
  info(`verify loop: ${rounds} rounds × ${opts.loopMs} ms per case`);
  const child = fork(path.join(BENCH_DIR, 'lib', 'verify-loop.mjs'),
    [JSON.stringify({ rounds, ms: opts.loopMs, warmMs: Math.min(1000, Math.max(200, opts.warmup * 250)) })],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  register(child, 'verify-loop');
  const timeoutMs = 120_000 + rounds * 8 * opts.loopMs;
  try {
    const res = await new Promise((resolve, reject) => {
      const to = setTimeout(() => reject(new Error(`verify loop did not finish in ${timeoutMs / 1000} s`)), timeoutMs);
      child.once('message', (m) => { clearTimeout(to); resolve(m); });
      child.once('exit', (code) => { clearTimeout(to); reject(new Error(`verify loop exited (${code}) without a result`)); });
    });
    if (res.error) throw new Error(res.error);
    res.status = 'ok';
    summarizeVerify(res);
    if (res.jwksFetchesDuringTiming) flag(`verify: ${res.jwksFetchesDuringTiming} JWKS fetches during the timed loops (expected 0: the JWKS should be cached)`);
    for (const x of res.verifiers) {
      for (const [c, cs] of Object.entries(x.cases ?? {})) if (cs.errors) flag(`verify ${x.name} (${c} in flight): ${cs.errors} verification errors (${cs.firstError})`);
      if (x.status === 'failed') flag(`verify ${x.name} FAILED: ${x.reason}`);
      if (x.status === 'skipped') info(`skipped: verify ${x.name}: ${x.reason}`);
    }
    return res;
  } catch (e) {
    flag(`verify loop FAILED: ${e.message}`);
    return { status: 'failed', reason: e.message.split('\n')[0] };
  } finally {
    await stop(child.pid, 1000);
  }
}

// ---------------- main ----------------
let exitCode = 0;
try {
  if (wantColdStart) {
    info('cold start: the tessera binary, 3 starts on an empty data directory, then 5 restarts on the last one');
    run.coldStart = await coldStart({ tmpRoot });
    if (run.coldStart.status === 'ok') info(`cold start: empty data directory ${run.coldStart.freshMs.map(int).join(', ')} ms, restarts ${run.coldStart.restartsMs.map(int).join(', ')} ms`);
    else if (run.coldStart.status === 'failed') flag(`cold start FAILED: ${run.coldStart.reason}`);
    else info(`skipped: cold start: ${run.coldStart.reason}`);
  }
  let signRounds = [];
  if (selectedHttp.length) signRounds = await httpStage();
  else {
    if (wantSign) for (let r = 0; r < opts.rounds; r++) signRounds.push(await measureSign(r));
    if (wantOpenLoop) run.openLoop = await openLoopStage([]);
  }
  if (wantSign) {
    run.sign = { ms: opts.signMs, rounds: signRounds, summary: summarizeSign(signRounds) };
    if (run.sign.summary.scaling < 1.5) flag(`RS256 signing scaled only ${fix(run.sign.summary.scaling)}× on 2 processes: the second vCPU is not a full core right now; anything that signs on the threadpool is capped accordingly`, false);
  }
  summarizeHttp(run.http.targets, opts.baselines);
  run.http.storm = stormSummary(run.http.targets);
  run.http.profiles = profileSummary(run.http.targets);
  run.http.sessionsScale = sessionsScaleSummary(run.http.targets);
  summarizeOpenLoop(run.openLoop);
  const allRounds = [...run.http.targets.flatMap((t) => t.rounds.filter(Boolean).map((r) => r.foreignCpu)), ...(run.sign?.rounds ?? []).flatMap((r) => r.foreignCpu)];
  const noisy = allRounds.filter((x) => x > FOREIGN_FLAG_CORES).length;
  if (noisy) {
    run.noisy = { windows: allRounds.length, withForeignLoad: noisy };
    run.flags.unshift(`${noisy} of ${allRounds.length} measurement windows had more than ${FOREIGN_FLAG_CORES} cores of foreign load: other processes competed for the 2 vCPUs. ${noisy * 3 > allRounds.length ? 'Absolute figures are unreliable; rerun when the machine is quiet.' : 'Ratios are paired by round, but check the flagged rounds.'}`);
  }
  if (wantSign) run.ceiling = computeCeiling(signRounds, run.http.targets);
  if (wantVerify) run.verify = await verifyStage();
} catch (e) {
  exitCode = 1;
  flag(`harness error: ${e.stack ?? e}`);
} finally {
  await stopAll();
}
run.finished = new Date().toISOString();

const md = markdown(run);
process.stdout.write('\n' + md);
if (opts.write) {
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), toJson(run));
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.svg'), svg(run));
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), md);
  info(`\nwrote bench/results/latest.json, latest.svg, latest.md (server logs: bench/results/srv-*.log)`);
}
fs.rmSync(tmpRoot, { recursive: true, force: true });
// exit 2 when a measurement is broken (a target failed, or a round saw non-2xx/errors), so scripts notice; skipped is fine
const broken = run.http.targets.some((t) => t.status === 'failed' || t.rounds.some((r) => r && (r.non2xx || r.errors || r.timeouts)))
  || (run.verify && (run.verify.status === 'failed' || run.verify.verifiers?.some((x) => x.status === 'failed' || Object.values(x.cases ?? {}).some((c) => c.errors))));
if (broken && !exitCode) { exitCode = 2; info('exit code 2: at least one measurement is broken (see flags)'); }
if (liveCount()) { info(`stopping ${liveCount()} leftover child process(es)`); await stopAll(); }
await sleep(10);
process.exit(exitCode);
