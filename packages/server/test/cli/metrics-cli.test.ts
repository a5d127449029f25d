/**
 * `tessera start` with the metrics settings: the banner names where metrics are served but never the
 * token, the metrics listener answers without one and the main port only with it.
 */
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './sandbox.js';

const { tmp, start } = cliSandbox('tessera-metrics-cli-');
const TOKEN = 'cli-metrics-token-5f0e9d8c7b6a';

describe('tessera start with TESSERA_METRICS_TOKEN and TESSERA_METRICS_PORT', () => {
  it('prints where metrics are served, never the token; both endpoints answer', { timeout: 90_000 }, async () => {
    const server = await start(tmp(), { TESSERA_METRICS_TOKEN: TOKEN, TESSERA_METRICS_PORT: '0' });
    const out = server.output().stdout;
    try {
      const url = server.url;
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
      await server.stop();
    }
    // Nothing printed on the way down holds it either.
    const { stdout, stderr } = server.output();
    expect(stdout + stderr).not.toContain(TOKEN);
  });
});
