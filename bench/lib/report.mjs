// report.mjs: summaries, the Markdown block (console + latest.md), the SVG chart (hand-written) and latest.json.
import { median, min, max, pairedRatios, int, fix, pct, ratio, round } from './util.mjs';

// ---------- summaries ----------

export function summarizeHttp(targets, baselines) {
  const byName = Object.fromEntries(targets.map((t) => [t.name, t]));
  for (const t of targets) {
    if (t.status !== 'ok' && !t.rounds?.length) continue;
    const R = t.rounds;
    const col = (k) => R.map((r) => r?.[k]);
    t.summary = {
      rps: median(col('rps')), rpsMin: min(col('rps')), rpsMax: max(col('rps')),
      p50: median(col('p50')), p90: median(col('p90')), p99: median(col('p99')),
      serverCpu: median(col('serverCpu')), loadgenCpu: median(col('loadgenCpu')), foreignCpu: median(col('foreignCpu')),
      cpuUsPerReq: median(R.map((r) => (r ? (r.serverCpu / r.rps) * 1e6 : NaN))),
      loopUsPerReq: median(R.map((r) => (r && Number.isFinite(r.loopCpu) ? (r.loopCpu / r.rps) * 1e6 : NaN))),
      loadgenUsPerReq: median(R.map((r) => (r ? (r.loadgenCpu / r.rps) * 1e6 : NaN))),
      non2xx: R.reduce((a, r) => a + (r?.non2xx ?? 0), 0), errors: R.reduce((a, r) => a + (r?.errors ?? 0) + (r?.timeouts ?? 0), 0),
    };
    t.ratios = {};
    for (const b of baselines) {
      const bt = byName[b];
      if (!bt?.rounds?.length) continue;
      t.ratios[b] = pairedRatios(col('rps'), bt.rounds.map((r) => r?.rps));
    }
  }
}

export function summarizeSign(rounds) {
  if (!rounds.length) return null;
  return {
    one: median(rounds.map((r) => r.one)), total: median(rounds.map((r) => r.total)),
    scaling: median(rounds.map((r) => r.scaling)),
    oneMin: min(rounds.map((r) => r.one)), oneMax: max(rounds.map((r) => r.one)),
    totalMin: min(rounds.map((r) => r.total)), totalMax: max(rounds.map((r) => r.total)),
  };
}

/**
 * Ceiling of the fresh-RS256-JWT authenticate path (docs/performance.md, "The baseline study"): effective cores ÷ CPU per request, with
 * CPU per request = RSA sign (1 / single-process signs/s) + the rest of the request (non-signing work of the baseline) +
 * the load generator's CPU per request (it shares the 2 cores). Effective cores = 2-process / 1-process signing rate
 * of the same round. Computed per round, then the median; ratios of the measured targets to it are paired by round.
 */
export function computeCeiling(signRounds, targets) {
  if (!signRounds.length) return null;
  const by = Object.fromEntries(targets.map((t) => [t.name, t]));
  const usPerReq = (t, key) => (t?.rounds?.length ? median(t.rounds.map((r) => (r ? r[key] / r.rps : NaN))) : NaN);
  const tSign = 1 / median(signRounds.map((r) => r.one));
  const tSignCpu = median(signRounds.map((r) => r.cpuPerSignUs)) / 1e6; // CPU per signature: robust to foreign load
  let tRest = NaN, restBasis;
  const nosign = usPerReq(by['proto-nosign'], 'serverCpu'), proto = usPerReq(by.proto, 'serverCpu');
  if (Number.isFinite(nosign)) { tRest = nosign; restBasis = 'measured: proto-nosign server CPU per request'; }
  else if (Number.isFinite(proto) && proto - tSignCpu > 0.05 * proto) { tRest = proto - tSignCpu; restBasis = 'measured: proto server CPU per request minus the CPU of one RSA signature'; }
  if (!Number.isFinite(tRest)) { tRest = 65e-6; restBasis = 'assumed: 65 µs from the baseline study, docs/performance.md (another machine)'; }
  let tLg = NaN, lgBasis;
  for (const n of ['tessera-token', 'proto', 'tessera-jwt']) { tLg = usPerReq(by[n], 'loadgenCpu'); if (Number.isFinite(tLg)) { lgBasis = `measured: harness (autocannon) CPU per request during ${n}`; break; } }
  if (!Number.isFinite(tLg)) { tLg = 10e-6; lgBasis = 'assumed: 10 µs (wrk in the baseline study)'; }
  const perRound = signRounds.map((s) => s.scaling / (1 / s.one + tRest + tLg));
  const ideal = median(signRounds.map((s) => 2 / (1 / s.one + tRest + tLg)));
  const out = {
    reqPerSec: median(perRound), perRound, idealTwoCores: ideal, hardLimitSignOnly: median(signRounds.map((r) => r.total)),
    tSignUs: tSign * 1e6, tSignCpuUs: tSignCpu * 1e6, tRestUs: tRest * 1e6, tLoadgenUs: tLg * 1e6, effectiveCores: median(signRounds.map((s) => s.scaling)),
    restBasis, lgBasis, vs: {},
  };
  for (const n of ['tessera-token', 'proto']) {
    const t = by[n];
    if (t?.rounds?.length) out.vs[n] = pairedRatios(t.rounds.map((r) => r?.rps), perRound);
  }
  return out;
}

export function summarizeVerify(v) {
  if (!v || v.error) return;
  const base = v.verifiers.find((x) => x.name === v.baseline);
  for (const x of v.verifiers) {
    x.summary = {};
    for (const [c, cs] of Object.entries(x.cases ?? {})) {
      x.summary[c] = { rate: median(cs.rounds), min: min(cs.rounds), max: max(cs.rounds), errors: cs.errors };
      const bc = base?.cases?.[c];
      if (bc) x.summary[c].ratio = pairedRatios(cs.rounds, bc.rounds);
    }
  }
}

/** tessera-storm against tessera-token (idle), paired by round; null unless both were measured. */
export function stormSummary(targets) {
  const idle = targets.find((t) => t.name === 'tessera-token'), storm = targets.find((t) => t.name === 'tessera-storm');
  if (!idle?.summary || !storm?.summary) return null;
  const col = (t, k) => t.rounds.map((r) => r?.[k]);
  return {
    idleP50: idle.summary.p50, stormP50: storm.summary.p50, idleP99: idle.summary.p99, stormP99: storm.summary.p99,
    p50Ratio: pairedRatios(col(storm, 'p50'), col(idle, 'p50')).median,
    rpsRatio: pairedRatios(col(storm, 'rps'), col(idle, 'rps')).median,
  };
}

/**
 * The scale-out rows, paired by round: tessera-pg against tessera-token (PostgreSQL against SQLite, one
 * instance), tessera-2x against tessera-pg (what a second instance over the same database buys). Null when
 * neither pair was measured.
 */
export function scaleOutSummary(targets) {
  const by = (n) => targets.find((t) => t.name === n && t.summary);
  const col = (t, k) => t.rounds.map((r) => r?.[k]);
  const pair = (a, b) => (a && b ? { rps: pairedRatios(col(a, 'rps'), col(b, 'rps')).median, p50: pairedRatios(col(a, 'p50'), col(b, 'p50')).median } : null);
  const pgVsSqlite = pair(by('tessera-pg'), by('tessera-token'));
  const twoVsOne = pair(by('tessera-2x'), by('tessera-pg'));
  return pgVsSqlite || twoVsOne ? { pgVsSqlite, twoVsOne } : null;
}

/**
 * Rows against tessera-token (the consumer, RS256 default), paired by round: the ES256 signing profile and
 * the B2B member rows. Null when none of them was measured.
 */
export function profileSummary(targets) {
  const base = targets.find((t) => t.name === 'tessera-token' && t.summary);
  if (!base) return null;
  const col = (t, k) => t.rounds.map((r) => r?.[k]);
  const out = {};
  for (const n of ['tessera-es256', 'tessera-member', 'tessera-member-authz']) {
    const t = targets.find((x) => x.name === n && x.summary);
    if (t) out[n] = { rps: pairedRatios(col(t, 'rps'), col(base, 'rps')).median, cpu: t.summary.cpuUsPerReq / base.summary.cpuUsPerReq, betterauth: t.ratios?.betterauth?.median };
  }
  return Object.keys(out).length ? out : null;
}

/**
 * tessera-1m (1,000,000 sessions in the database) against tessera-token (10,000), paired per round, with each
 * one's database size per live session. Null unless tessera-1m was measured.
 */
export function sessionsScaleSummary(targets) {
  const big = targets.find((t) => t.name === 'tessera-1m' && t.summary);
  if (!big) return null;
  const base = targets.find((t) => t.name === 'tessera-token' && t.summary);
  const uncached = targets.find((t) => t.name === 'tessera-1m-uncached' && t.summary);
  const col = (t, k) => t.rounds.map((r) => r?.[k]);
  return {
    uncached: uncached && base ? { rps: pairedRatios(col(uncached, 'rps'), col(base, 'rps')).median, cpu: uncached.summary.cpuUsPerReq / base.summary.cpuUsPerReq } : null,
    sessions: big.database?.sessions ?? null, baseSessions: base?.database?.sessions ?? null, variants: big.variants ?? null,
    rps: base ? pairedRatios(col(big, 'rps'), col(base, 'rps')).median : NaN,
    p50: base ? pairedRatios(col(big, 'p50'), col(base, 'p50')).median : NaN,
    cpu: base ? big.summary.cpuUsPerReq / base.summary.cpuUsPerReq : NaN,
    bytesPerSession: big.database?.bytesPerSession ?? NaN, dbBytes: big.database?.bytes ?? NaN,
    baseBytesPerSession: base?.database?.bytesPerSession ?? NaN,
  };
}

/** Medians over the open-loop rounds, per target. */
export function summarizeOpenLoop(o) {
  if (!o) return null;
  for (const t of o.targets) {
    const col = (k) => t.rounds.map((r) => r[k]);
    t.summary = { achievedRate: median(col('achievedRate')), p50: median(col('p50')), p90: median(col('p90')), p99: median(col('p99')), max: max(col('max')), lateSends: col('lateSends').reduce((a, b) => a + b, 0), requests: col('requests').reduce((a, b) => a + b, 0), serverCpu: median(col('serverCpu')), foreignCpu: median(col('foreignCpu')) };
  }
  return o;
}

// ---------- Markdown ----------

const esc = (s) => String(s).replace(/\|/g, '\\|');

export function markdown(run) {
  const { machine: m, options: o } = run;
  const L = [];
  const d = new Date(run.date);
  L.push(`### Tessera benchmark, ${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  L.push('');
  L.push(`Machine: ${m.cpu}, ${m.cores} vCPUs${m.virtualised === 'yes' ? ' (virtualised)' : ''}, ${m.memGiB} GiB · ${m.os} · Node ${m.node} (OpenSSL ${m.openssl}) · commit \`${(m.commit ?? 'unknown').slice(0, 12)}\``);
  if (run.http.targets.length) L.push(`Load: autocannon ${m.versions.autocannon} in the harness process (it shares the cores), ${o.connections} connections, ${o.duration} s × ${o.rounds} interleaved rounds after a ${o.warmup} s warm-up per target; 127.0.0.1. Figures are medians over rounds; ratios are medians of the per-round ratios.${o.quick ? ' **QUICK smoke run: not for comparison.**' : ''}`);
  const http = run.http.targets;
  if (http.length) {
    L.push('');
    const bl = run.http.baselines;
    L.push(`| target | req/s | min–max | p50 ms | p99 ms | server CPU | CPU µs/req | ${bl.map((b) => `× ${b}`).join(' | ')} |`);
    L.push(`|---|---:|---:|---:|---:|---:|---:|${bl.map(() => '---:').join('|')}|`);
    for (const t of http) {
      const s = t.summary;
      if (!s) { L.push(`| ${esc(t.label)} | ${t.status}: ${esc(t.reason ?? '')} | | | | | |${bl.map(() => ' |').join('')}`); continue; }
      const warn = t.flags?.length ? ' ⚠' : '';
      L.push(`| ${esc(t.label)}${warn} | ${int(s.rps)} | ${int(s.rpsMin)}–${int(s.rpsMax)} | ${fix(s.p50)} | ${fix(s.p99)} | ${pct(s.serverCpu)} | ${int(s.cpuUsPerReq)} | ${bl.map((b) => (b === t.name ? '1.00 (base)' : ratio(t.ratios?.[b]?.median))).join(' | ')} |`);
    }
    const loops = http.filter((t) => Number.isFinite(t.summary?.loopUsPerReq)).map((t) => `${t.name} ${int(t.summary.loopUsPerReq)}`);
    if (loops.length) {
      L.push('');
      L.push(`Of the CPU per request, the target's main thread (its event loop; signing threads, V8's helpers, workers and child processes excluded), µs, median over rounds: ${loops.join(', ')}.`);
    }
  }
  const storm = stormSummary(http);
  if (storm) {
    L.push('');
    L.push(`Login storm (\`tessera-storm\`: wrong-password logins against PBKDF2-SHA256 at the 2,000,000-iteration cap in a second project, keeping every password worker busy, while the row is measured): authenticate p50 **${fix(storm.idleP50)} ms idle → ${fix(storm.stormP50)} ms** during the storm (paired per round: ${ratio(storm.p50Ratio)}), p99 ${fix(storm.idleP99)} → ${fix(storm.stormP99)} ms, req/s ${ratio(storm.rpsRatio)} of idle.`);
  }
  const scale = scaleOutSummary(http);
  if (scale) {
    L.push('');
    const parts = [];
    if (scale.pgVsSqlite) parts.push(`over PostgreSQL (\`tessera-pg\`, server CPU includes PostgreSQL's) **${ratio(scale.pgVsSqlite.rps)} the req/s** of SQLite (\`tessera-token\`), p50 ${ratio(scale.pgVsSqlite.p50)}`);
    if (scale.twoVsOne) parts.push(`two instances over that database (\`tessera-2x\`) **${ratio(scale.twoVsOne.rps)} the req/s** of one, p50 ${ratio(scale.twoVsOne.p50)}`);
    L.push(`Scale-out, paired per round: ${parts.join('; ')}. On one 2-vCPU machine the instances and PostgreSQL share the same cores, so a second instance cannot add capacity here: the row shows what coordination through the database costs, not what a second machine buys.`);
  }
  const prof = profileSummary(http);
  if (prof) {
    L.push('');
    const names = { 'tessera-es256': 'ES256 signing profile', 'tessera-member': 'B2B member authenticate', 'tessera-member-authz': 'B2B member authenticate with authorization_check' };
    const member = ['tessera-member', 'tessera-member-authz'].some((n) => prof[n]);
    L.push(`Against \`tessera-token\` (consumer, RS256), paired per round: ${Object.entries(prof).map(([n, p]) => `${names[n]} **${ratio(p.rps)}** the req/s (CPU per request ${ratio(p.cpu)}${Number.isFinite(p.betterauth) ? `; ${ratio(p.betterauth)} Better Auth` : ''})`).join('; ')}.${member ? ' Goal for the member rows: ≥ 0.90×.' : ''}`);
  }
  const big = sessionsScaleSummary(http);
  if (big) {
    L.push('');
    L.push(`Sessions in the database (\`tessera-1m\`: ${int(big.sessions)} live sessions, bulk-seeded, requests drawn from ${int(big.variants)} of them spread over the whole set), paired per round against \`tessera-token\` (${int(big.baseSessions)} sessions): **${ratio(big.rps)}** the req/s, p50 ${ratio(big.p50)}, CPU per request ${ratio(big.cpu)} (goal: within 10%, i.e. ≥ 0.90×). Database (SQLite file + WAL, after the rounds): **${int(big.bytesPerSession)} bytes per live session** (${int(big.dbBytes / 2 ** 20)} MB), ${int(big.baseBytesPerSession)} at ${int(big.baseSessions)} sessions (a user, its email and its session per live session).${big.uncached ? ` With the read caches off (\`tessera-1m-uncached\`: every request reads its session, user and contacts from the file): ${ratio(big.uncached.rps)} the req/s of \`tessera-token\`, CPU per request ${ratio(big.uncached.cpu)}.` : ''}`);
  }
  const mem = http.filter((t) => t.memory?.rss);
  if (mem.length) {
    L.push('');
    const mb = (b) => `${int(b / 2 ** 20)} MB`;
    const loadS = max(mem.map((t) => t.memory.afterLoadSeconds ?? NaN));
    const one = (t) => {
      const m = t.memory, tree = m.tree?.rss ?? m.rss, mapped = m.mapped ?? 0;
      const parts = [];
      if (m.tree?.processes > 1) parts.push(`sum over ${m.tree.processes} processes, shared pages counted in each; main ${mb(m.rss)}`);
      if (mapped > 0) parts.push(`VmRSS ${mb(tree)}, of which ${mb(mapped)} the mapped database file`);
      parts.push(`peak ${mb(m.peak)}${mapped > 0 ? ' with the mapping' : ''}${Number.isFinite(m.afterLoadSeconds) ? `, after ${int(m.afterLoadSeconds)} s` : ''}`);
      return `${t.name} **${mb(tree - mapped)}** (${parts.join('; ')})`;
    };
    L.push(`Server memory after all its load (${Number.isFinite(loadS) ? `up to ${int(loadS)} s of it; ` : ''}VmRSS of the target's process tree from /proc without the resident pages of its SQLite file where it maps the file (Tessera reads it through a memory mapping: those pages are the kernel's page cache, which a server reading with \`pread\`, like the baseline, holds just the same without counting them), peak = VmHWM of its main process; goal ≤ 200 MB): ${mem.map(one).join(', ')}.`);
  }
  const ol = run.openLoop;
  if (ol?.targets?.length) {
    L.push('');
    L.push(`Latency at a carried load (open loop: ${int(ol.rate)} requests/s on a fixed schedule, each timed from its scheduled send; ${ol.seconds} s × ${ol.targets[0].rounds.length} interleaved rounds, medians):`);
    L.push('');
    L.push('| target | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | late sends | server CPU | other CPU |');
    L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const t of ol.targets) L.push(`| ${esc(t.label)} | ${int(t.summary.achievedRate)} | ${fix(t.summary.p50)} | ${fix(t.summary.p90)} | ${fix(t.summary.p99)} | ${fix(t.summary.max)} | ${int(t.summary.lateSends)} of ${int(t.summary.requests)} | ${pct(t.summary.serverCpu)} | ${pct(t.summary.foreignCpu)} |`);
    const tok = ol.targets.find((t) => t.name === 'tessera-token'), bare = ol.targets.find((t) => t.name === 'bare');
    if (tok) {
      L.push('');
      L.push(`At ${int(ol.rate)} req/s, \`tessera-token\` p99 **${fix(tok.summary.p99)} ms** (goal ≤ 5 ms: ${tok.summary.p99 <= 5 ? 'met' : 'not met'})${bare ? `; the floor (bare node:http, same harness) p99 ${fix(bare.summary.p99)} ms, p50 ${fix(bare.summary.p50)} ms` : ''}. The floor includes the harness's own timer lateness; rounds with many late sends measure the machine, not the server.`);
    }
  }
  const cs = run.coldStart;
  if (cs) {
    L.push('');
    L.push(cs.status === 'ok'
      ? `Cold start (the \`tessera\` binary, spawn to its first 200 on the JWKS route; goal ≤ 1 s): **${int(cs.firstMs)} ms** on an empty data directory (database, master key and dev project created; median of ${cs.freshMs?.length ?? 1}: ${(cs.freshMs ?? [cs.firstMs]).map(int).join(', ')} ms), **${int(median(cs.restartsMs))} ms** restarting on an existing one (median of ${cs.restartsMs.length}: ${cs.restartsMs.map(int).join(', ')} ms).`
      : `Cold start: ${cs.status}: ${cs.reason}`);
  }
  const v = run.verify;
  if (v) {
    L.push('');
    if (v.status !== 'ok') L.push(`Local JWT verification: ${v.status}${v.reason ? `: ${v.reason}` : ''}`);
    else {
      L.push(`Local JWT verification, in-process loop (RS256, ${v.tokens} distinct tokens, ${v.jwksKeys}-key JWKS, ${v.rounds} × ${v.ms} ms interleaved):`);
      L.push('');
      L.push(`| verifier | in flight | verifies/s | min–max | × ${v.baseline} |`);
      L.push('|---|---:|---:|---:|---:|');
      for (const c of v.concurrency) for (const x of v.verifiers) {
        if (x.status !== 'ok') { if (c === v.concurrency[0]) L.push(`| ${esc(x.label)} | | ${x.status}: ${esc(x.reason)} | | |`); continue; }
        const s = x.summary[c];
        L.push(`| ${esc(x.label)}${s.errors ? ' ⚠' : ''} | ${c} | ${int(s.rate)} | ${int(s.min)}–${int(s.max)} | ${x.name === v.baseline ? '1.00 (base)' : ratio(s.ratio?.median)} |`);
      }
    }
  }
  const sg = run.sign;
  if (sg?.summary) {
    const s = sg.summary;
    L.push('');
    L.push(`RS256 signing, node:crypto sync, 700 B (${sg.rounds.length} rounds × ${sg.ms} ms${run.http.targets.some((t) => t.summary) ? ', one after each HTTP round' : ''}): 1 process **${int(s.one)}/s**, 2 processes together **${int(s.total)}/s**; median per-round scaling ${fix(s.scaling)}× (2.0 = two independent cores).`);
    const c = run.ceiling;
    if (c) {
      L.push(`Derived ceiling for authenticate with a fresh RS256 JWT: **≈ ${int(c.reqPerSec)} req/s** = ${fix(c.effectiveCores)} effective cores ÷ (${int(c.tSignUs)} µs sign + ${int(c.tRestUs)} µs rest [${c.restBasis.split(':')[0]}] + ${int(c.tLoadgenUs)} µs load generator [${c.lgBasis.split(':')[0]}]); ≈ ${int(c.idealTwoCores)} req/s if both cores were independent; never above ${int(c.hardLimitSignOnly)} (signing alone).` +
        Object.entries(c.vs).map(([n, r]) => ` ${n}: ${ratio(r.median)} of it.`).join(''));
    }
  }
  if (run.flags.length) {
    L.push('');
    L.push('**Flags** (read the figures above with these in mind):');
    for (const f of run.flags) L.push(`- ${f}`);
  }
  return L.join('\n') + '\n';
}

// ---------- SVG ----------

const xml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const kfmt = (x) => (x >= 10000 ? `${(x / 1000).toFixed(1)}k` : int(x));

export function svg(run) {
  const W = 1080, LBL = 345, BAR = 400, VX = LBL + BAR + 14, RH = 28;
  const parts = [];
  let y = 0;
  const text = (x, yy, s, o = {}) => parts.push(`<text x="${x}" y="${yy}"${o.anchor ? ` text-anchor="${o.anchor}"` : ''}${o.cls ? ` class="${o.cls}"` : ''}>${xml(s)}</text>`);
  y += 28; text(16, y, `Tessera benchmark · ${run.date.slice(0, 16).replace('T', ' ')} UTC${run.options.quick ? ' · QUICK smoke run' : ''}`, { cls: 'h1' });
  y += 18; text(16, y, `${run.machine.cpu}, ${run.machine.cores} vCPUs · Node ${run.machine.node} · commit ${(run.machine.commit ?? '?').slice(0, 12)} · ${run.options.connections} conns, ${run.options.duration} s × ${run.options.rounds} rounds · medians; ratios = median of per-round ratios`, { cls: 'sub' });
  y += 18;
  for (const [i, [cls, name]] of [['tess', 'Tessera'], ['base', 'baseline / reference'], ['peer', 'peer (Better Auth)']].entries()) {
    const x = 16 + i * 190;
    parts.push(`<rect x="${x}" y="${y - 10}" width="12" height="12" class="bar ${cls}"/>`);
    text(x + 18, y, name, { cls: 'sub' });
  }
  if (run.noisy) { y += 16; text(16, y, `⚠ foreign CPU load in ${run.noisy.withForeignLoad} of ${run.noisy.windows} measurement windows (other processes on the machine): see flags in latest.json`, { cls: 'warn' }); }

  const panel = (title, rows, unit, marker) => {
    y += 30; text(16, y, title, { cls: 'h2' });
    y += 8;
    const vals = rows.filter((r) => Number.isFinite(r.value)).flatMap((r) => [r.value, r.max ?? 0]);
    if (marker) vals.push(marker.value);
    const top = Math.max(1, ...vals) * 1.05;
    const sx = (v) => LBL + (v / top) * BAR;
    const y0 = y;
    for (const r of rows) {
      y += RH;
      text(LBL - 8, y - 10, r.label, { anchor: 'end', cls: 'lbl' });
      if (!Number.isFinite(r.value)) { text(LBL + 4, y - 10, r.note ?? 'skipped', { cls: 'skip' }); continue; }
      parts.push(`<rect x="${LBL}" y="${y - RH + 6}" width="${Math.max(1, sx(r.value) - LBL).toFixed(1)}" height="${RH - 12}" class="${r.cls ?? 'bar'}"/>`);
      if (Number.isFinite(r.min) && Number.isFinite(r.max)) {
        const ym = y - RH / 2;
        parts.push(`<path d="M${sx(r.min).toFixed(1)} ${ym}H${sx(r.max).toFixed(1)}M${sx(r.min).toFixed(1)} ${ym - 5}v10M${sx(r.max).toFixed(1)} ${ym - 5}v10" class="whisk"/>`);
      }
      text(VX, y - 10, `${kfmt(r.value)} ${unit}${r.ratio ? ` · ${r.ratio}` : ''}${r.flag ? ' ⚠' : ''}`, { cls: 'val' });
    }
    if (marker) {
      const x = sx(marker.value).toFixed(1);
      parts.push(`<path d="M${x} ${y0 + 2}V${y + 4}" class="ceil"/>`);
      y += 16; text(+x, y, marker.label, { anchor: 'end', cls: 'ceilt' });
    }
  };

  const bl = run.http.baselines;
  if (run.http.targets.length) {
    panel(`HTTP: req/s at ${run.options.connections} connections (bar = median, whisker = min–max over rounds)`, run.http.targets.map((t) => ({
      label: t.label, value: t.summary?.rps, min: t.summary?.rpsMin, max: t.summary?.rpsMax, flag: t.flags?.length > 0,
      note: `${t.status}${t.reason ? `: ${t.reason}` : ''}`.slice(0, 80), cls: t.name.startsWith('tessera') ? 'bar tess' : t.name.startsWith('betterauth') ? 'bar peer' : 'bar base',
      ratio: bl.filter((b) => b !== t.name && t.ratios?.[b]).map((b) => `${ratio(t.ratios[b].median)} ${b}`).join(', '),
    })), 'req/s', run.ceiling && { value: run.ceiling.reqPerSec, label: `derived RS256 fresh-JWT ceiling ≈ ${int(run.ceiling.reqPerSec)} req/s` });
  }
  const v = run.verify;
  if (v?.status === 'ok') {
    const rows = [];
    for (const c of v.concurrency) for (const x of v.verifiers) {
      const s = x.summary?.[c];
      rows.push({ label: `${x.short ?? x.label}, ${c} in flight`, value: s?.rate, min: s?.min, max: s?.max, cls: x.name.startsWith('tessera') ? 'bar tess' : 'bar base',
        note: `${x.status}${x.reason ? `: ${x.reason}` : ''}`.slice(0, 80), ratio: x.name === v.baseline ? 'baseline' : s?.ratio ? `${ratio(s.ratio.median)} ${v.baseline}` : '', flag: s?.errors > 0 });
    }
    panel('Local JWT verify, in-process loop (verifies/s, RS256)', rows, '/s');
  }
  if (run.sign?.summary) {
    const s = run.sign.summary;
    panel('RS256 signing, node:crypto (signs/s)', [
      { label: '1 process', value: s.one, min: s.oneMin, max: s.oneMax, cls: 'bar base' },
      { label: '2 processes', value: s.total, min: s.totalMin, max: s.totalMax, cls: 'bar base', ratio: `${fix(s.scaling)}× of 1 process` },
    ], '/s');
  }
  y += 24;
  const style = `<style>text{font:13px system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;fill:#222}.h1{font-size:17px;font-weight:600}.h2{font-size:14px;font-weight:600}.sub{font-size:11.5px;fill:#555}.lbl{font-size:12.5px}.val{font-size:12px}.skip{font-size:12px;fill:#999;font-style:italic}.bar{fill:#8aa4c8}.tess{fill:#2f6db5}.peer{fill:#c98b4a}.base{fill:#8aa4c8}.whisk{stroke:#333;stroke-width:1.2;fill:none}.ceil{stroke:#c33;stroke-width:1.5;stroke-dasharray:5 4;fill:none}.ceilt{font-size:11.5px;fill:#c33}.warn{font-size:12px;fill:#b45309}</style>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" role="img" aria-label="Tessera benchmark results">\n${style}\n<rect width="${W}" height="${y}" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`;
}

// ---------- JSON ----------

export function toJson(run) {
  const r = (x) => JSON.parse(JSON.stringify(x, (k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? round(v, 4) : null) : v)));
  return JSON.stringify(r(run), null, 1) + '\n';
}
