// util.mjs: small shared helpers (paths, statistics, formatting). No dependencies.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = path.dirname(BENCH_DIR);
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Median of the finite numbers in `a` (mean of the two middle values for an even count); NaN when empty. */
export function median(a) {
  const s = a.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((x, y) => x - y);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export const min = (a) => Math.min(...a.filter(Number.isFinite));
export const max = (a) => Math.max(...a.filter(Number.isFinite));

/** Paired ratios a[i]/b[i] over the rounds both have; returns { perRound, median }. */
export function pairedRatios(a, b) {
  const perRound = a.map((x, i) => (Number.isFinite(x) && Number.isFinite(b[i]) && b[i] > 0 ? x / b[i] : null));
  return { perRound, median: median(perRound) };
}

export const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
export const fix = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
export const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');
export const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
export const round = (x, d = 3) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

/** Loud message on stderr (flags that must not be missed). */
export function loud(msg) {
  process.stderr.write(`\n!!! ${msg}\n\n`);
}
export function info(msg) {
  process.stderr.write(`${msg}\n`);
}
