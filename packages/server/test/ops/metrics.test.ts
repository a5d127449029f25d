/**
 * `/metrics` against what a scenario did: the exposition is parsed and every counter compared with the
 * exact number of requests, authentications, failed logins and lockouts sent; the token on the main port;
 * the separate listener without one; `activity()` per minute on the server's (test) clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { STRONG, api, get } from './helpers.js';
import { parseExposition } from './prom-text.js';
import { authProductOf } from '../../src/http/request-metrics.js';
import { routes } from '../../src/http/app.js';
import { sdkRoutes } from '../../src/http/sdk/routes/index.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const MINUTE = 60_000;

describe('Prometheus metrics after a scenario', () => {
  let srv: TestServer;
  // Minute-aligned, a little ahead of real time, so the project's signing key (made at start) is already active.
  const t0 = (Math.floor(Date.now() / MINUTE) + 1) * MINUTE + 5_000;

  beforeAll(async () => {
    srv = await startServer({ env: { TESSERA_METRICS_TOKEN: TOKEN, TESSERA_METRICS_PORT: '0', TESSERA_LOCKOUT_THRESHOLD: '3' } });
    srv.clock.set(t0);
  });
  afterAll(async () => srv?.close());

  async function scrape(): Promise<ReturnType<typeof parseExposition>> {
    const res = await get(`${srv.url}/metrics`, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    return parseExposition(res.text);
  }

  it('counts exactly what was done, by route pattern, product and result', async () => {
    const before = await scrape();
    const requestsBefore = (route: string, status: string) => before.valueOr0('tessera_http_requests_total', { route, method: 'POST', status });

    // Two users: A signs in 3 times and fails twice (no lock: a success clears the count); B fails 3 times
    // (the third locks it) and is then refused once more while locked.
    const a = `a-${Date.now()}@example.com`;
    const b = `b-${Date.now()}@example.com`;
    expect((await api(srv, 'POST', '/v1/passwords', { email: a, password: STRONG })).status).toBe(200);
    expect((await api(srv, 'POST', '/v1/passwords', { email: b, password: STRONG })).status).toBe(200);
    const tokens: string[] = [];
    for (const password of ['wrong-password-1x', 'wrong-password-2x', STRONG, STRONG, STRONG]) {
      const r = await api(srv, 'POST', '/v1/passwords/authenticate', { email: a, password, session_duration_minutes: 60 });
      expect(r.status).toBe(password === STRONG ? 200 : 401);
      if (r.status === 200) tokens.push(r.body.session_token as string);
    }
    for (let i = 0; i < 4; i++) {
      const r = await api(srv, 'POST', '/v1/passwords/authenticate', { email: b, password: `wrong-password-${i}y` });
      expect(r.body.error_type).toBe(i < 2 ? 'unauthorized_credentials' : 'user_lock_limit_reached');
    }
    // Sessions: two good tokens, one unknown.
    expect((await api(srv, 'POST', '/v1/sessions/authenticate', { session_token: tokens[0] })).status).toBe(200);
    expect((await api(srv, 'POST', '/v1/sessions/authenticate', { session_token: tokens[1] })).status).toBe(200);
    expect((await api(srv, 'POST', '/v1/sessions/authenticate', { session_token: 'x'.repeat(44) })).status).toBeGreaterThanOrEqual(400);
    // A path no route has, and one with an id in it (the label is the pattern, not the id).
    expect((await api(srv, 'GET', '/v1/no_such_route')).status).toBe(404);
    expect((await api(srv, 'GET', '/v1/users/user-test-00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // A HEAD of a GET route counts as HEAD only (Fastify derives the HEAD route from the GET one).
    expect((await fetch(`${srv.url}/healthz`, { method: 'HEAD' })).status).toBe(200);

    // Past the 10 s the first scrape's active-session count is reused for.
    srv.clock.set(t0 + 11_000);
    const m = await scrape();
    expect(m.types.get('tessera_http_requests_total')).toBe('counter');
    expect(m.types.get('tessera_http_request_duration_seconds')).toBe('histogram');
    expect(m.types.get('tessera_active_sessions')).toBe('gauge');

    expect(m.value('tessera_authentications_total', { product: 'passwords', result: 'success' })).toBe(3);
    expect(m.value('tessera_authentications_total', { product: 'passwords', result: 'failure' })).toBe(6);
    expect(m.value('tessera_authentications_total', { product: 'sessions', result: 'success' })).toBe(2);
    expect(m.value('tessera_authentications_total', { product: 'sessions', result: 'failure' })).toBe(1);
    // Session checks are not logins.
    expect(m.value('tessera_failed_logins_total')).toBe(6);
    expect(m.value('tessera_lockouts_total')).toBe(1);

    expect(m.value('tessera_http_requests_total', { route: '/v1/passwords/authenticate', method: 'POST', status: '200' }) - requestsBefore('/v1/passwords/authenticate', '200')).toBe(3);
    expect(m.value('tessera_http_requests_total', { route: '/v1/passwords/authenticate', method: 'POST', status: '401' })).toBe(6);
    expect(m.value('tessera_http_requests_total', { route: '/v1/passwords', method: 'POST', status: '200' })).toBe(2);
    expect(m.value('tessera_http_request_duration_seconds_count', { route: '/v1/passwords/authenticate', method: 'POST', status_class: '4xx' })).toBe(6);
    expect(m.value('tessera_http_request_duration_seconds_bucket', { route: '/v1/passwords/authenticate', method: 'POST', status_class: '2xx', le: '+Inf' })).toBe(3);
    expect(m.value('tessera_http_requests_total', { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(m.value('tessera_http_requests_total', { route: '/healthz', method: 'HEAD', status: '200' })).toBe(1);
    expect(m.valueOr0('tessera_http_requests_total', { route: '/healthz', method: 'GET' })).toBe(0);
    expect(m.value('tessera_http_requests_total', { route: '/v1/users/:user_id', method: 'GET', status: '404' })).toBe(1);
    // No raw URL ever becomes a label.
    expect(m.all('tessera_http_requests_total').some((s) => s.labels.route!.includes('user-test-'))).toBe(false);
    // The first scrape is counted by the second (it answered before this one began).
    expect(m.value('tessera_http_requests_total', { route: '/metrics', method: 'GET', status: '200' })).toBe(1);

    // 3 password logins and 2 session authentications each signed a JWT (RS256, the default).
    expect(m.value('tessera_jwt_sign_seconds_count', { alg: 'RS256' })).toBe(5);
    expect(m.value('tessera_db_query_seconds_count')).toBeGreaterThan(before.value('tessera_db_query_seconds_count'));
    expect(m.value('tessera_active_sessions')).toBe(3);
    expect(m.value('tessera_write_behind_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(m.types.get('process_cpu_user_seconds_total')).toBe('counter');

    // One session revoked: the count follows once its 10 s cache has passed.
    expect((await api(srv, 'POST', '/v1/sessions/revoke', { session_token: tokens[2] })).status).toBe(200);
    expect((await scrape()).value('tessera_active_sessions')).toBe(3);
    srv.clock.set(t0 + 22_000);
    expect((await scrape()).value('tessera_active_sessions')).toBe(2);

    // activity(): the same events in the minute of t0; one more failure a minute later.
    srv.clock.set(t0 + MINUTE);
    expect((await api(srv, 'POST', '/v1/passwords/authenticate', { email: a, password: 'wrong-password-3x' })).status).toBe(401);
    const activity = await srv.server.metrics.activity();
    expect(activity.minutes).toHaveLength(60);
    const minute0 = t0 - 5_000;
    expect(activity.minutes.at(-1)).toEqual({ start: minute0 + MINUTE, authentications: { success: 0, failure: 1 }, failed_logins: 1, lockouts: 0 });
    expect(activity.minutes.at(-2)).toEqual({ start: minute0, authentications: { success: 5, failure: 7 }, failed_logins: 6, lockouts: 1 });
    expect(activity.minutes.at(0)!.start).toBe(minute0 + MINUTE - 59 * MINUTE);
    expect(activity.minutes.slice(0, -2).every((x) => x.authentications.success + x.authentications.failure + x.failed_logins + x.lockouts === 0)).toBe(true);
    expect(activity.active_sessions).toBe(2);
    // The ring and the counters agree.
    const after = await scrape();
    const total = (result: string) => after.all('tessera_authentications_total').filter((s) => s.labels.result === result).reduce((n, s) => n + s.value, 0);
    expect(total('success')).toBe(5);
    expect(total('failure')).toBe(8);
    // An hour later the minutes have rolled out of the ring.
    srv.clock.set(t0 + 61 * MINUTE);
    const later = await srv.server.metrics.activity();
    expect(later.minutes.every((x) => x.authentications.success + x.authentications.failure === 0)).toBe(true);
  });

  it('the main port wants the bearer token; a wrong or missing one is a Stytch-shaped 401', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-0123456789abcdef' }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const res = await get(`${srv.url}/metrics`, headers);
      expect(res.status).toBe(401);
      const body = JSON.parse(res.text) as Record<string, unknown>;
      expect(body).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials' });
      expect(typeof body.request_id).toBe('string');
      expect(res.text).not.toContain(TOKEN);
    }
  });

  it('the metrics listener serves /metrics, /healthz and /readyz without a token, and nothing else', async () => {
    const base = srv.server.metricsUrl!;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await get(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(parseExposition(metrics.text).types.get('tessera_lockouts_total')).toBe('counter');
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect(JSON.parse((await get(`${base}/readyz`)).text)).toMatchObject({ status_code: 200, status: 'ready' });
    const other = await get(`${base}/v1/users`);
    expect(other.status).toBe(404);
    expect(JSON.parse(other.text)).toMatchObject({ error_type: 'route_not_found' });
  });
});

describe('authProductOf', () => {
  it('names the product of every authenticate route of both APIs, and only those', () => {
    expect(authProductOf('/v1/sessions/authenticate')).toBe('sessions');
    expect(authProductOf('/sdk/v1/passwords/authenticate')).toBe('passwords');
    expect(authProductOf('/v1/otps/authenticate')).toBe('otps');
    expect(authProductOf('/v1/b2b/otps/email/authenticate')).toBe('b2b_otps');
    expect(authProductOf('/v1/b2b/magic_links/discovery/authenticate')).toBe('b2b_magic_links');
    expect(authProductOf('/sdk/v1/b2b/sessions/authenticate')).toBe('b2b_sessions');
    expect(authProductOf('/v1/passwords')).toBeNull();
    expect(authProductOf('/v1/magic_links/email/login_or_create')).toBeNull();
  });
  it('covers every /authenticate route the server has', () => {
    const urls = [...routes.map((r) => r.url), ...sdkRoutes.map((r) => r.url)].filter((u) => u.endsWith('/authenticate'));
    expect(urls.length).toBeGreaterThanOrEqual(18);
    for (const u of urls) expect(authProductOf(u), u).toMatch(/^(b2b_)?[a-z_]+$/);
  });
});

describe('without TESSERA_METRICS_TOKEN or TESSERA_METRICS_PORT', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv?.close());

  it('/metrics is a 404 on the main port, and there is no metrics listener', async () => {
    const res = await get(`${srv.url}/metrics`, { authorization: `Bearer ${'a'.repeat(32)}` });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ error_type: 'route_not_found' });
    expect(srv.server.metricsUrl).toBeNull();
  });
});
