// openloop.mjs: latency at a carried load (the `openloop` stage). Unlike the saturation rounds (50 connections
// sending as fast as answers come back), requests are sent on a fixed schedule, `rate` per second, whatever
// the server does, and each latency is measured from the request's *scheduled* time: a server (or a harness)
// that falls behind sees its queueing counted, not hidden (no coordinated omission). Keep-alive connections
// from a node:http Agent are opened as needed (up to 256), so a slow answer never holds back the next send.
//
// The schedule is kept by a ticker thread, not by setTimeout: Node's timers have a 1 ms floor and libuv's loop
// clock has 1 ms resolution, so at 2 ms intervals timer-driven sends were typically 0.5–1 ms late, and that
// lateness (correctly counted from the schedule) was most of the floor's p50. The ticker sleeps with
// Atomics.wait (sub-millisecond timeouts) until each send is due and posts its index to this thread, which
// sends it at once; both threads read the same absolute clock (performance.timeOrigin + performance.now()).
// `lateSends` counts requests this thread still sent more than 1 ms after their schedule (it was busy, or the
// machine was); the bare target's figures are the floor of the whole method.
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { LatencyHist } from './loadgen.mjs';

const TICKER = `
const { parentPort, workerData: { start, interval, total } } = require('node:worker_threads');
const cell = new Int32Array(new SharedArrayBuffer(4));
const now = () => performance.timeOrigin + performance.now();
for (let i = 0; i < total; i++) {
  const wait = start + i * interval - now();
  if (wait > 0.02) Atomics.wait(cell, 0, 0, wait);
  parentPort.postMessage(i);
}
`;

const absNow = () => performance.timeOrigin + performance.now();

export async function runOpenLoop({ port, compiled, rate, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const hist = new LatencyHist();
  const statusCodes = {};
  let done = 0, errors = 0, lateSends = 0, non2xx = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = absNow() + 50; // the ticker thread starts within this
  const ticker = new Worker(TICKER, { eval: true, workerData: { start, interval, total } });
  await new Promise((resolve, reject) => {
    const finish = () => { if (done === total) resolve(); };
    const send = (i) => {
      const scheduled = start + i * interval;
      const v = compiled.variants[(Math.random() * compiled.variants.length) | 0];
      if (absNow() - scheduled > 1) lateSends++;
      const req = http.request({ host: '127.0.0.1', port, method: compiled.method, path: compiled.path, headers: v.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          hist.add(absNow() - scheduled);
          statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
          if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
          done++; finish();
        });
      });
      req.on('error', () => { errors++; done++; finish(); });
      req.end(v.body);
    };
    ticker.on('message', send);
    ticker.once('error', reject);
  });
  await ticker.terminate();
  agent.destroy();
  const elapsed = (absNow() - start) / 1000;
  return {
    rate, requests: total, seconds: elapsed, achievedRate: total / elapsed, p50: hist.pct(50), p90: hist.pct(90), p99: hist.pct(99), max: hist.max,
    non2xx, errors, lateSends, statusCodes,
  };
}
