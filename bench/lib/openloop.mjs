// openloop.mjs: latency at a carried load (the `openloop` stage). Unlike the saturation rounds (50 connections
// sending as fast as answers come back), requests are sent on a fixed schedule, `rate` per second, whatever
// the server does, and each latency is measured from the request's *scheduled* time: a server (or a harness)
// that falls behind sees its queueing counted, not hidden (no coordinated omission). Keep-alive connections
// are opened as needed (up to 256), so a slow answer never holds back the next send.
//
// `lateSends` counts requests the harness itself sent more than 1 ms after their schedule (its own timer
// jitter); the bare target's figures are the floor of the whole method.
import http from 'node:http';
import { LatencyHist } from './loadgen.mjs';

export async function runOpenLoop({ port, compiled, rate, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const hist = new LatencyHist();
  const statusCodes = {};
  let sent = 0, done = 0, errors = 0, lateSends = 0, non2xx = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const t0 = performance.now() + 5;
  await new Promise((resolve) => {
    const finish = () => { if (done === total) resolve(); };
    const send = (scheduled) => {
      const v = compiled.variants[(Math.random() * compiled.variants.length) | 0];
      if (performance.now() - scheduled > 1) lateSends++;
      const req = http.request({ host: '127.0.0.1', port, method: compiled.method, path: compiled.path, headers: v.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          hist.add(performance.now() - scheduled);
          statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
          if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
          done++; finish();
        });
      });
      req.on('error', () => { errors++; done++; finish(); });
      req.end(v.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) send(t0 + sent++ * interval);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, t0 + sent * interval - performance.now())));
    };
    setTimeout(tick, 5);
  });
  agent.destroy();
  const elapsed = (performance.now() - t0) / 1000;
  return {
    rate, requests: total, achievedRate: total / elapsed, p50: hist.pct(50), p90: hist.pct(90), p99: hist.pct(99), max: hist.max,
    non2xx, errors, lateSends, statusCodes,
  };
}
