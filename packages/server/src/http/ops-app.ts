/**
 * The metrics listener (`TESSERA_METRICS_PORT`, on `TESSERA_METRICS_HOST`, loopback by default): a second,
 * minimal Fastify instance serving only `/metrics`, `/healthz` and `/readyz`, without a token, for a
 * Prometheus or an orchestrator probe that reaches the machine's private interface. Everything else is a
 * Stytch-shaped 404.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { errorBody } from '@tessera/core';
import type { Deps } from '../domain/context.js';
import type { Metrics } from '../metrics/metrics.js';
import { registerOpsRoutes } from './ops-routes.js';

export function buildOpsApp(opts: { deps: Pick<Deps, 'stores' | 'keys'>; metrics: Metrics; logger: FastifyBaseLogger }): FastifyInstance {
  const app = Fastify({ loggerInstance: opts.logger, genReqId: () => randomUUID(), logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }), return503OnClosing: true });
  const requestId = (req: { id: string }) => `request-id-test-${req.id}`;
  registerOpsRoutes(app, { deps: opts.deps, metrics: opts.metrics, requestId });
  app.setNotFoundHandler((req, reply) => reply.code(404).type('application/json; charset=utf-8').send(errorBody('route_not_found', requestId(req))));
  return app;
}
