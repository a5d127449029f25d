/**
 * The operator's endpoints: `GET /healthz` (the process answers), `GET /readyz` (it can serve: see
 * domain/ops/check-readiness.ts) and `GET /metrics` (Prometheus text). None needs a project's credentials
 * and none shows project data. `/metrics` on the main port requires `Authorization: Bearer
 * <TESSERA_METRICS_TOKEN>`; on the separate metrics listener (ops-app.ts, loopback by default) it needs
 * none, since reaching that port is the protection. They are not Stytch routes: the OpenAPI document and
 * the 405 index leave them out.
 *
 * @module
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '@tessera/core';
import type { Deps } from '../domain/context.js';
import { checkReadiness } from '../domain/ops/check-readiness.js';
import type { Metrics } from '../metrics/metrics.js';

export interface OpsRoutesOptions {
  deps: Pick<Deps, 'stores' | 'keys'>;
  requestId(req: FastifyRequest): string;
  /** Serve `/metrics` (absent: the path stays a 404). */
  metrics?: Metrics;
  /** The bearer token `/metrics` requires; undefined serves it without one (the metrics listener only). */
  metricsToken?: string;
}

/** Constant-time comparison of the presented bearer token with the configured one (digests: equal lengths). */
function bearerMatches(header: string | undefined, token: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token));
}

export function registerOpsRoutes(app: FastifyInstance, opts: OpsRoutesOptions): void {
  const send = (reply: FastifyReply, status: number, body: object) =>
    reply.code(status).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(body);

  app.get('/healthz', (req, reply) => {
    void send(reply, 200, { status_code: 200, request_id: opts.requestId(req), status: 'ok' });
    return reply;
  });

  app.get('/readyz', async (req, reply) => {
    const { ready, checks, failed } = await checkReadiness(opts.deps);
    const requestId = opts.requestId(req);
    if (ready) return send(reply, 200, { status_code: 200, request_id: requestId, status: 'ready', checks });
    const body = errorBody('service_unavailable', requestId, `Not ready: ${failed.join(', ')} check failed.`);
    return send(reply, 503, { ...body, status: 'not_ready', failed_checks: failed, checks });
  });

  const { metrics, metricsToken } = opts;
  if (!metrics) return;
  app.get('/metrics', async (req, reply) => {
    if (metricsToken !== undefined && !bearerMatches(req.headers.authorization, metricsToken)) {
      reply.header('www-authenticate', 'Bearer');
      return send(reply, 401, errorBody('unauthorized_credentials', opts.requestId(req), 'GET /metrics needs Authorization: Bearer <TESSERA_METRICS_TOKEN>.'));
    }
    const { contentType, body } = await metrics.render();
    return reply.code(200).type(contentType).header('cache-control', 'no-store').send(body);
  });
}
