/**
 * Health and metrics over PostgreSQL: the active-session count and the query timer work on the pg pool,
 * and `/readyz` turns 503 `database` while the cluster is down (`/healthz` stays 200), then 200 again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, startServer, type TestPostgres, type TestServer } from '@tessera/test-utils';
import { STRONG, api, get } from './helpers.js';
import { parseExposition } from './prom-text.js';

let cluster: TestPostgres;
let srv: TestServer;
beforeAll(async () => {
  const started = await startPostgres();
  if ('unavailable' in started) throw new Error(`PostgreSQL is needed: ${started.unavailable}`);
  cluster = started;
  srv = await startServer({ databaseUrl: await cluster.createDatabase(), env: { TESSERA_METRICS_PORT: '0', TESSERA_DATABASE_STATEMENT_TIMEOUT_MS: '2000' } });
}, 120_000);
afterAll(async () => {
  await srv?.close();
  cluster?.stop();
});

describe('operations over PostgreSQL', () => {
  it('counts active sessions and times queries; readiness follows the database', async () => {
    const email = `pg-ops-${Date.now()}@example.com`;
    expect((await api(srv, 'POST', '/v1/passwords', { email, password: STRONG, session_duration_minutes: 60 })).status).toBe(200);
    expect((await api(srv, 'POST', '/v1/passwords/authenticate', { email, password: STRONG, session_duration_minutes: 60 })).status).toBe(200);
    const base = srv.server.metricsUrl!;
    const m = parseExposition((await get(`${base}/metrics`)).text);
    expect(m.value('tessera_active_sessions')).toBe(2);
    expect(m.value('tessera_authentications_total', { product: 'passwords', result: 'success' })).toBe(1);
    expect(m.value('tessera_db_query_seconds_count')).toBeGreaterThan(0);
    expect((await get(`${base}/readyz`)).status).toBe(200);

    cluster.shutdown();
    try {
      const ready = await get(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text)).toMatchObject({ error_type: 'service_unavailable', failed_checks: ['database'] });
      expect((await get(`${base}/healthz`)).status).toBe(200);
    } finally {
      cluster.start();
    }
    expect((await get(`${base}/readyz`)).status).toBe(200);
  }, 60_000);
});
