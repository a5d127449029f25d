// loadgen.mjs: one load window with autocannon (programmatic API) against a target that follows the
// INFO contract (see README.md): a random variant (headers/body) per request, own latency histogram
// (autocannon's histogram has 1 ms resolution; this one has 10 µs), per-status counts.
import autocannon from 'autocannon';

const BUCKET_MS = 0.01, NB = 100_000; // 10 µs buckets up to 1 s; slower responses kept exactly

export class LatencyHist {
  constructor() { this.b = new Uint32Array(NB); this.slow = []; this.n = 0; this.max = 0; }
  add(ms) {
    this.n++;
    if (ms > this.max) this.max = ms;
    const i = Math.floor(ms / BUCKET_MS);
    if (i < NB) this.b[i]++; else this.slow.push(ms);
  }
  pct(p) {
    if (!this.n) return NaN;
    const rank = Math.ceil((p / 100) * this.n);
    let c = 0;
    for (let i = 0; i < NB; i++) { c += this.b[i]; if (c >= rank) return (i + 0.5) * BUCKET_MS; }
    this.slow.sort((a, b) => a - b);
    return this.slow[rank - c - 1] ?? this.max;
  }
}

/** Pre-merge common headers with each variant's headers, once. */
export function compileInfo(info) {
  const common = info.headers ?? {};
  const variants = (info.variants?.length ? info.variants : [{}]).map((v) => ({
    headers: { ...common, ...(v.headers ?? {}) },
    body: v.body === undefined ? undefined : typeof v.body === 'string' ? v.body : JSON.stringify(v.body),
  }));
  return { method: info.method ?? 'GET', path: info.path ?? '/', variants };
}

/**
 * Run autocannon for `seconds` at `connections` against 127.0.0.1:port, or spread over several ports (a
 * target with several instances: INFO `ports`): one autocannon per port, the connections shared out evenly,
 * one histogram and one set of counts for all.
 * Returns { requests, seconds, rps, p50, p90, p99, max, non2xx, errors, timeouts, statusCodes }.
 */
export async function runLoad({ port, ports, compiled, seconds, connections }) {
  const list = ports?.length ? ports : [port];
  const hist = new LatencyHist();
  const counts = { responses: 0, non2xx: 0, statusCodes: {} };
  const t0 = performance.now();
  const parts = await Promise.all(list.map((p, i) => {
    const share = Math.floor(connections / list.length) + (i < connections % list.length ? 1 : 0);
    return runOne({ port: p, compiled, seconds, connections: share, hist, counts });
  }));
  const secs = (performance.now() - t0) / 1000;
  const sum = (k) => parts.reduce((a, r) => a + r[k], 0);
  return {
    requests: counts.responses,
    seconds: secs,
    rps: counts.responses / secs,
    p50: hist.pct(50), p90: hist.pct(90), p99: hist.pct(99), max: hist.max,
    non2xx: counts.non2xx, errors: sum('errors'), timeouts: sum('timeouts'), resets: sum('resets'),
    statusCodes: counts.statusCodes,
    autocannon: parts.length === 1 ? parts[0].autocannon : parts.map((r) => r.autocannon),
  };
}

function runOne({ port, compiled, seconds, connections, hist, counts }) {
  const { method, path, variants } = compiled;
  const pickRandom = variants.length > 1;
  return new Promise((resolve, reject) => {
    const inst = autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      pipelining: 1,
      timeout: 10,
      requests: [{
        method,
        path,
        setupRequest(req) {
          const v = variants[pickRandom ? (Math.random() * variants.length) | 0 : 0];
          req.headers = v.headers; // per-variant object: the builder only adds the same Content-Length to it each time
          if (v.body !== undefined) req.body = v.body;
          return req;
        },
      }],
    }, (err, res) => {
      if (err) return reject(err);
      resolve({
        errors: res.errors, timeouts: res.timeouts, resets: res.resets,
        autocannon: { rpsAverage: res.requests.average, latencyP50ms: res.latency.p50, latencyP99ms: res.latency.p99, sent: res.requests.sent },
      });
    });
    inst.on('response', (_client, statusCode, _bytes, responseTime) => {
      counts.responses++;
      hist.add(responseTime);
      counts.statusCodes[statusCode] = (counts.statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) counts.non2xx++;
    });
  });
}
