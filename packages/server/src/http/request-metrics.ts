/**
 * Request metrics for every route: an `onRoute` hook gives each route its own synchronous `onResponse`
 * hook, closed over the route PATTERN (never the raw URL, whose ids would make the label set unbounded).
 * Label children are looked up once per route and status and kept; a request then costs two map reads and
 * two increments, and no promise (an async hook would cost one per request on the hot path).
 *
 * Authentications are the `/authenticate` routes of both APIs: the product is the path's first segment
 * (`b2b_` + the next one under `/b2b`), a 2xx is a success, any other 4xx but 429 a failure (a 429 or a
 * 5xx decided nothing). Failures of every product but sessions also count as failed logins.
 *
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import type { Metrics, RequestChildren } from '../metrics/metrics.js';

/** `sessions`, `passwords`, `b2b_magic_links`, ... for an authenticate route; null for any other. */
export function authProductOf(url: string): string | null {
  const m = /^\/(?:sdk\/)?v1\/(b2b\/)?([a-z_]+)\/(?:[a-z_]+\/)*authenticate$/.exec(url);
  if (!m) return null;
  return (m[1] ? 'b2b_' : '') + m[2];
}

function routeHook(metrics: Metrics, route: string, method: string | null) {
  const byStatus = new Map<number, RequestChildren>();
  const product = authProductOf(route);
  const login = product !== null && product !== 'sessions' && product !== 'b2b_sessions';
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const status = reply.statusCode;
    let children = byStatus.get(status);
    if (!children) byStatus.set(status, (children = metrics.requestChildren(route, method ?? req.method, status)));
    children.count.inc();
    children.duration.observe(reply.elapsedTime / 1000);
    if (product !== null) {
      if (status < 300) metrics.authentication(product, 'success', login);
      else if (status >= 400 && status < 500 && status !== 429) metrics.authentication(product, 'failure', login);
    }
    done();
  };
}

/** Adds the per-route hook to every route registered after this call (call it before the routes). */
export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRoute', (opts: RouteOptions) => {
    const method = typeof opts.method === 'string' ? opts.method : null;
    const hook = routeHook(metrics, opts.url ?? 'unknown', method);
    // The HEAD route Fastify derives from a GET copies the GET's options before this hook runs, so it gets
    // its own hook, labelled HEAD (the metrics test checks a HEAD counts once).
    const existing = opts.onResponse === undefined ? [] : Array.isArray(opts.onResponse) ? opts.onResponse : [opts.onResponse];
    opts.onResponse = [...existing, hook];
  });
}

/** Records a request no route matched (404/405), under the route label `unmatched`. */
export function unmatchedRecorder(metrics: Metrics): (req: FastifyRequest, reply: FastifyReply) => void {
  const byStatus = new Map<string, RequestChildren>();
  return (req, reply) => {
    const key = `${req.method} ${reply.statusCode}`;
    let children = byStatus.get(key);
    // Methods are bounded by Node's HTTP parser, statuses by our answers: the key set stays small.
    if (!children) byStatus.set(key, (children = metrics.requestChildren('unmatched', req.method, reply.statusCode)));
    children.count.inc();
    children.duration.observe(reply.elapsedTime / 1000);
  };
}
