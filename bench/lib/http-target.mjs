// http-target.mjs: start a target server under the INFO contract, wait until it is ready, sanity-check it.
//
// Contract (full text in bench/README.md): the command is started with env PORT (listen on 127.0.0.1:PORT),
// INFO (a file path), BENCH_TMPDIR (a scratch directory, also the cwd), BENCH_RUN_SECONDS (an estimate of how long the
// run will last, so credentials in the variants can be made to outlive it). When ready it writes INFO as JSON:
//   { method, path, headers?, variants: [{ headers?, body? }, ...], check?: { status?, bodyIncludes?, header? }, stats?, ports? }
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { register } from './children.mjs';
import { RESULTS_DIR, sleep } from './util.mjs';

export function logFileFor(name) { return path.join(RESULTS_DIR, `srv-${name.replace(/[^A-Za-z0-9=.+-]+/g, '_')}.log`); }

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitPort(port, deadline) {
  while (Date.now() < deadline) {
    const ok = await new Promise((r) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true); });
      s.on('error', () => r(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`port ${port} never opened`);
}

function tail(file, n = 15) {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

export function validateInfo(info) {
  const problems = [];
  if (!info || typeof info !== 'object') return ['INFO is not a JSON object'];
  if (!['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(info.method)) problems.push(`method must be GET|POST|..., got ${JSON.stringify(info.method)}`);
  if (typeof info.path !== 'string' || !info.path.startsWith('/')) problems.push('path must start with /');
  if (info.headers !== undefined && (typeof info.headers !== 'object' || Array.isArray(info.headers))) problems.push('headers must be an object');
  if (info.ports !== undefined && (!Array.isArray(info.ports) || !info.ports.length || !info.ports.every((p) => Number.isInteger(p) && p > 0))) problems.push('ports must be a non-empty array of port numbers');
  if (!Array.isArray(info.variants) || !info.variants.length) problems.push('variants must be a non-empty array');
  else for (const v of info.variants.slice(0, 50)) {
    if (v.body !== undefined && typeof v.body !== 'string') { problems.push('variant.body must be a string'); break; }
    if (v.headers !== undefined && typeof v.headers !== 'object') { problems.push('variant.headers must be an object'); break; }
  }
  return problems;
}

/**
 * Start one target. Returns { child, pid, port, info, log, startSecs } once INFO is written and the port accepts connections.
 * Throws (with the tail of the server log) on timeout or early exit.
 */
export async function startTarget(t, { tmpRoot, runSeconds, infoTimeoutMs = 120_000 }) {
  const port = await freePort();
  const dir = path.join(tmpRoot, t.name);
  fs.mkdirSync(dir, { recursive: true });
  const infoFile = path.join(dir, 'info.json');
  const log = logFileFor(t.name);
  fs.writeFileSync(log, `# ${new Date().toISOString()} ${process.execPath} ${t.script} env ${JSON.stringify(t.env ?? {})}\n`);
  const t0 = Date.now();
  const child = spawn(process.execPath, [...(t.nodeArgs ?? []), t.script], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', ...(t.env ?? {}), PORT: String(port), INFO: infoFile, BENCH_TMPDIR: dir, BENCH_RUN_SECONDS: String(Math.ceil(runSeconds)) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  register(child, t.name);
  const fd = fs.openSync(log, 'a');
  child.stdout.on('data', (d) => fs.writeSync(fd, d));
  child.stderr.on('data', (d) => fs.writeSync(fd, d));
  let exited = null;
  child.once('exit', (code, sig) => { exited = { code, sig }; });
  child.once('close', () => { try { fs.closeSync(fd); } catch { /* closed */ } });

  const deadline = t0 + infoTimeoutMs;
  let info = null, lastErr = null;
  while (!info) {
    if (exited) throw new Error(`exited before writing INFO (code ${exited.code}, signal ${exited.sig}); log ${log}:\n${tail(log)}`);
    if (Date.now() > deadline) throw new Error(`no INFO file after ${infoTimeoutMs / 1000} s (${lastErr ?? 'missing'}); log ${log}:\n${tail(log)}`);
    if (fs.existsSync(infoFile)) {
      try { info = JSON.parse(fs.readFileSync(infoFile, 'utf8')); } catch (e) { lastErr = `unparsable: ${e.message}`; }
    }
    if (!info) await sleep(100);
  }
  const problems = validateInfo(info);
  if (problems.length) throw new Error(`INFO does not follow the contract: ${problems.join('; ')}`);
  await waitPort(port, Math.max(deadline, Date.now() + 10_000));
  return { child, pid: child.pid, port, info, log, startSecs: (Date.now() - t0) / 1000, exited: () => exited };
}

/**
 * One request per sampled variant (up to 3) with fetch, to every port the target listens on (INFO `ports`);
 * checks 2xx and the optional INFO.check. Returns a list of problems.
 */
export async function sanityCheck({ port, info }) {
  const problems = [];
  const vs = info.variants;
  const sample = [...new Set([0, vs.length >> 1, vs.length - 1])];
  for (const [n, i] of sample.entries()) {
    const v = vs[i];
    const to = info.ports?.length ? info.ports[n % info.ports.length] : port;
    try {
      const res = await fetch(`http://127.0.0.1:${to}${info.path}`, {
        method: info.method, headers: { ...(info.headers ?? {}), ...(v.headers ?? {}) }, body: v.body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      const want = info.check?.status;
      if (want ? res.status !== want : res.status < 200 || res.status > 299) problems.push(`variant ${i}: HTTP ${res.status} ${text.slice(0, 200)}`);
      else if (info.check?.bodyIncludes && !text.includes(info.check.bodyIncludes)) problems.push(`variant ${i}: body lacks ${JSON.stringify(info.check.bodyIncludes)}: ${text.slice(0, 200)}`);
      else if (info.check?.header && !res.headers.get(info.check.header)) problems.push(`variant ${i}: response lacks header ${info.check.header}`);
    } catch (e) {
      problems.push(`variant ${i}: ${e.message}`);
    }
  }
  return problems;
}

export async function fetchStats({ port, info }) {
  if (!info.stats) return null;
  try { return await (await fetch(`http://127.0.0.1:${port}${info.stats}`, { signal: AbortSignal.timeout(5000) })).json(); } catch (e) { return { error: e.message }; }
}
