/**
 * `tessera start` with the metrics settings: the banner names where metrics are served but never the
 * token, the metrics listener answers without one and the main port only with it.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, cliSandbox } from './sandbox.js';

const { tmp, children } = cliSandbox('tessera-metrics-cli-');
const TOKEN = 'cli-metrics-token-5f0e9d8c7b6a';

describe('tessera start with TESSERA_METRICS_TOKEN and TESSERA_METRICS_PORT', () => {
  it('prints where metrics are served, never the token; both endpoints answer', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, [CLI, 'start'], {
      cwd: tmp(),
      env: { ...process.env, TESSERA_PORT: '0', TESSERA_LOG_LEVEL: 'warn', TESSERA_METRICS_TOKEN: TOKEN, TESSERA_METRICS_PORT: '0' },
    });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 60_000);
        child.stdout.on('data', () => /Use it from Node/.test(out) && (clearTimeout(timer), resolve()));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      const metricsUrl = /metrics: {2}(http:\/\/127\.0\.0\.1:\d+)\/metrics, \/healthz, \/readyz/.exec(out)![1]!;
      expect(out).toContain(`metrics:  ${url}/metrics with Authorization: Bearer <TESSERA_METRICS_TOKEN>`);
      expect(out).not.toContain(TOKEN);
      const open = await fetch(`${metricsUrl}/metrics`);
      expect(open.status).toBe(200);
      expect(await open.text()).toContain('# TYPE tessera_http_requests_total counter');
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      child.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      });
      children.delete(child);
    }
    // Nothing printed on the way down holds it either.
    expect(out).not.toContain(TOKEN);
  });
});
