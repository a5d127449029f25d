/**
 * `buildApp(deps)`: the Fastify instance serving the Stytch-compatible API. It wires routes to the domain,
 * authenticates callers, and guarantees the wire contract: every response is JSON with `status_code` and
 * `request_id`, every error is Stytch-shaped, and nothing a client sends yields a 5xx or a stack trace.
 *
 * @module
 */
import { lazyValidatorCompiler } from './lazy-validators.js';
import { isDatabaseUnavailable } from '../db/postgres/errors.js';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyBodyParser, type HookHandlerDoneFunction, type onRequestHookHandler, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { ERROR_REGISTRY, envOfProject, errorBody, type Env, type ErrorType } from '@tessera/core';
import { projectContext, type Deps } from '../domain/context.js';
import { ApiError } from '../domain/errors.js';
import type { Authenticated, ProjectAuthenticator } from '../domain/projects/project-auth.js';
import type { ProjectRecord } from '../store/records.js';
import { parseBasic } from './basic-auth.js';
import { parseJsonBody } from './json-body.js';
import { routeInput, routeSchema, type AnyRoute, type BackendRoute } from './route.js';
import { userRoutes } from './routes/users.js';
import { passwordRoutes } from './routes/passwords.js';
import { sessionRoutes } from './routes/sessions.js';
import { revocationRoutes } from './routes/revocations.js';
import { testOutboxRoutes } from './routes/test-outbox.js';
import { testClockRoutes } from './routes/test-clock.js';
import { magicLinkRoutes } from './routes/magic-links.js';
import { otpRoutes } from './routes/otps.js';
import { registerRevocationStreams } from './revocation-stream.js';
import { validationToApiError, type AjvError } from './validation-error.js';
import { openApiDocument } from './openapi.js';
import { auditHook, isAudited, targetOf } from './api-audit.js';
import { b2bRoutes } from './routes/b2b/index.js';
import { createLogger, lazyChildLogger } from '../log.js';
import { PublicTokenAuthenticator } from '../domain/sdk/public-token-auth.js';
import { registerSdk } from './sdk/register.js';
import { sdkRoutes } from './sdk/routes/index.js';
import type { Metrics } from '../metrics/metrics.js';
import { registerRequestMetrics, unmatchedRecorder } from './request-metrics.js';
import { registerOpsRoutes } from './ops-routes.js';
import type { TrustProxy } from '../config.js';
import { registerAdminConsole, type AdminConsoleOptions } from './admin/register-admin.js';

export const routes: BackendRoute[] = [
  ...userRoutes,
  ...passwordRoutes,
  ...magicLinkRoutes,
  ...otpRoutes,
  ...sessionRoutes,
  ...revocationRoutes,
  ...b2bRoutes,
  ...testOutboxRoutes,
  ...testClockRoutes,
];

export interface AppOptions {
  deps: Deps;
  projectAuth: ProjectAuthenticator;
  bodyLimit: number;
  logLevel: string;
  /** Where logs go; defaults to stdout. Ignored when `logger` is given. */
  logStream?: NodeJS.WritableStream;
  /** The process's logger (`createLogger`), shared with the runtime; made from `logLevel`/`logStream` when absent. */
  logger?: FastifyBaseLogger;
  /** The process's metrics: every route records its requests; `/metrics` is served when `metricsToken` is set. */
  metrics?: Metrics;
  /** The bearer token `GET /metrics` requires on this port (`TESSERA_METRICS_TOKEN`); absent: no `/metrics` here. */
  metricsToken?: string;
  /** Which peers' `X-Forwarded-For` names the client (`TESSERA_TRUST_PROXY`); absent: none, the connection's address is the client's. */
  trustProxy?: TrustProxy;
  /** The admin console at /admin (null or absent: not registered, as with `TESSERA_ADMIN=off`). */
  adminConsole?: { activity: AdminConsoleOptions['activity'] } | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    project: ProjectRecord | null;
  }
}

function envOf(req: FastifyRequest): Env {
  if (req.project) return req.project.env;
  const basic = parseBasic(req.headers.authorization);
  return basic ? envOfProject(basic.user) : 'test';
}

export const requestIdOf = (req: FastifyRequest): string => `request-id-${envOf(req)}-${req.id}`;

function sendError(req: FastifyRequest, reply: FastifyReply, err: ApiError): FastifyReply {
  const body = errorBody(err.type, requestIdOf(req), err.hasMessage ? err.message : undefined, err.details);
  if (body.status_code === 429) reply.header('retry-after', String(Math.max(1, Math.ceil((err.retry?.retryAfterMs ?? 1000) / 1000))));
  return reply.code(body.status_code).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own errors that are the client's fault. */
function fastifyClientError(err: { code?: string; statusCode?: number }): ErrorType | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
  }
  return err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? 'bad_request' : null;
}

/** Path patterns of every route, to tell an unknown path (404) from a wrong method (405). */
function methodIndex(rs: AnyRoute[]) {
  const patterns = rs.map((r) => ({ method: r.method, re: new RegExp('^' + r.url.replace(/:[a-z_]+/g, '[^/]+') + '/?$') }));
  return (path: string) => patterns.filter((p) => p.re.test(path)).map((p) => p.method);
}

/** Fastify's form of `TESSERA_TRUST_PROXY`; a hop count as the function Fastify itself makes of one (its types omit numbers). */
const fastifyTrustProxy = (t: TrustProxy | undefined): boolean | string[] | ((address: string, hop: number) => boolean) =>
  typeof t === 'number' ? (_address, hop) => hop < t : t ? [...t] : false;

export function buildApp(opts: AppOptions): FastifyInstance {
  const { deps, projectAuth } = opts;
  const app = Fastify({
    bodyLimit: opts.bodyLimit,
    // `req.ip` (the console's sign-in limit, the audit log) is the peer unless the operator names its proxies.
    trustProxy: fastifyTrustProxy(opts.trustProxy),
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    childLoggerFactory: lazyChildLogger as FastifyServerOptions['childLoggerFactory'],
    // Basic auth headers, cookies and bodies never reach the logs (createLogger redacts them).
    loggerInstance: opts.logger ?? (createLogger(opts.logLevel, opts.logStream) as FastifyBaseLogger),
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, verbose: true, strict: false },
    },
    schemaController: { compilersFactory: { buildValidator: lazyValidatorCompiler } },
    return503OnClosing: true,
    // The router's own refusals (an id longer than `maxParamLength`, a path with broken %-escapes) would
    // otherwise answer in Fastify's shape: a Stytch 400 instead (found by the reliability fuzz). UNVERIFIED
    // what Stytch answers for a 600-character id; a 400 `bad_request` is the closest documented type.
    frameworkErrors: (err, req, reply) => {
      const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The request path is not a valid URL.';
      return sendError(req, reply, new ApiError('bad_request', message));
    },
    // Requests Node cannot even parse (a 20 KB URL, garbage instead of HTTP) never reach a route; they
    // still get a Stytch-shaped JSON error rather than Fastify's own shape.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) {
        socket.destroy(err);
        return;
      }
      const type = err.code === 'HPE_HEADER_OVERFLOW' ? 'request_headers_too_large' : 'bad_request';
      const body = JSON.stringify(errorBody(type, `request-id-test-${randomUUID()}`));
      const status = ERROR_REGISTRY[type][0];
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
  });

  app.decorateRequest('project', null);
  app.decorateRequest('secretId', null);
  app.decorateRequest('auditTarget', null);
  app.removeAllContentTypeParsers();
  const jsonBody: FastifyBodyParser<string> = (_req, body, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (err) {
      done(err as Error, undefined);
    }
  };
  // Any Content-Type is read as JSON (json-body.ts). `application/json`, what clients send, is also named:
  // Fastify caches the parser it finds for a Content-Type, but not the catch-all, so without it each request
  // parsed its Content-Type header anew (~2 µs).
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: opts.bodyLimit }, jsonBody);
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: opts.bodyLimit }, jsonBody);

  app.setErrorHandler((err: Error & { validation?: AjvError[]; validationContext?: string; code?: string; statusCode?: number }, req, reply) => {
    if (err instanceof ApiError) return sendError(req, reply, err);
    if (err.validation) return sendError(req, reply, validationToApiError(err.validation, err.validationContext ?? 'body'));
    const clientType = fastifyClientError(err);
    if (clientType) return sendError(req, reply, new ApiError(clientType));
    if (isDatabaseUnavailable(err)) {
      // PostgreSQL is down or too slow: the client may retry; the pool reconnects once it is back.
      req.log.warn({ err: err.message, request_id: requestIdOf(req), route: req.routeOptions.url }, 'database unavailable');
      return sendError(req, reply, new ApiError('service_unavailable'));
    }
    req.log.error({ err, request_id: requestIdOf(req), route: req.routeOptions.url }, 'unhandled error');
    return sendError(req, reply, new ApiError('internal_server_error'));
  });

  // Every answer: no MIME sniffing, and no caching unless the route allows it (see `RouteBase.cacheControl`).
  // A synchronous hook, so it costs the hot path no promise.
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  // Before any route: each route gets its own request-metrics hook (request-metrics.ts).
  if (opts.metrics) registerRequestMetrics(app, opts.metrics);
  const recordUnmatched = opts.metrics ? unmatchedRecorder(opts.metrics) : null;

  const allowedMethods = methodIndex([...routes, ...sdkRoutes]);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      reply.header('allow', [...new Set(allowed)].join(', '));
      sendError(req, reply, new ApiError('method_not_allowed', `${req.method} is not allowed on ${path.slice(0, 200)}; use ${allowed.join(' or ')}.`));
    } else {
      sendError(req, reply, new ApiError('route_not_found'));
    }
    recordUnmatched?.(req, reply);
    return reply;
  });

  // A log line per request only when asked for (debug): at the default level the hook would cost every
  // request a promise for nothing. 5xx answers are logged by the error handler whatever the level.
  if (opts.logLevel === 'debug' || opts.logLevel === 'trace') {
    app.addHook('onResponse', async (req, reply) => {
      req.log.debug({ method: req.method, path: req.routeOptions.url ?? 'unknown', status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    });
  }

  // Basic project credentials, before the body is read. A callback hook rather than an async one: with the
  // project's credentials cached (project-auth.ts) it admits the request without a promise.
  const admit = (req: FastifyRequest, found: Authenticated | null, done: HookHandlerDoneFunction) => {
    if (!found) return done(new ApiError('unauthorized_credentials'));
    req.project = found.project;
    req.secretId = found.secretId;
    // A test project's test clock offset, re-read at most once a second; nothing (no promise) for a live one.
    const due = deps.clocks.refresh(found.project);
    if (due) due.then(() => done(), done);
    else done();
  };
  const authenticate: onRequestHookHandler = (req, _reply, done) => {
    const basic = parseBasic(req.headers.authorization);
    if (!basic) return done(new ApiError('unauthorized_credentials'));
    const cached = projectAuth.authenticateCached(basic.user, basic.password);
    if (cached !== undefined) return admit(req, cached, done);
    projectAuth.authenticateSecret(basic.user, basic.password).then((found) => admit(req, found, done), done);
  };

  for (const r of routes) {
    const audited = isAudited(r);
    app.route({
      method: r.method,
      url: r.url,
      schema: routeSchema(r),
      ...(r.auth === 'secret' ? { onRequest: authenticate } : {}),
      ...(audited ? { onResponse: auditHook(deps, r, requestIdOf) } : {}),
      async handler(req, reply) {
        const input = routeInput(r, req);
        const result = r.auth === 'secret' ? await r.handler(projectContext(deps, req.project!), input) : await r.handler(deps, input);
        // A write that made something (a user, a member): its id is in the answer.
        if (audited) req.auditTarget = targetOf(input.params) ?? targetOf(input.body) ?? targetOf(result);
        if (r.cacheControl) reply.header('cache-control', r.cacheControl);
        // The answer and its envelope with `Object.assign` rather than `{ ...result, request_id, status_code }`:
        // V8's object spread with properties added after it kept each answer's objects alive into the old
        // generation (docs/performance.md, "No object spread with added properties on the hot path").
        const body: Record<string, unknown> = Object.assign({}, result as Record<string, unknown>);
        body.request_id = requestIdOf(req);
        body.status_code = 200;
        return reply.code(200).send(body);
      },
    });
  }
  registerRevocationStreams(app, deps, authenticate);
  // The frontend API (/sdk/v1): public-token auth, per-project CORS, the `{ data }` envelope (sdk/register.ts).
  const publicTokens = new PublicTokenAuthenticator(deps.stores, deps.clock);
  // A new public token, origin or SDK setting made by another instance: forget the cached answers.
  const unsubscribe = deps.events.subscribe((e) => {
    if (e.topic === 'all' || e.topic === 'project' || e.topic === 'sdk') publicTokens.invalidate();
  });
  app.addHook('onClose', async () => unsubscribe());
  registerSdk(app, sdkRoutes, { deps, publicTokens, requestId: requestIdOf });

  // Health, readiness and (with a token) metrics; not Stytch routes, so outside the OpenAPI document.
  registerOpsRoutes(app, { deps, requestId: requestIdOf, metrics: opts.metricsToken ? opts.metrics : undefined, metricsToken: opts.metricsToken });
  if (opts.adminConsole) registerAdminConsole(app, { deps, activity: opts.adminConsole.activity, bodyLimit: opts.bodyLimit });

  // The API description, generated from the request schemas above (public: it holds no project data).
  let openapi: object | undefined;
  app.get('/openapi.json', async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return (openapi ??= openApiDocument([...routes, ...sdkRoutes], SERVER_VERSION));
  });
  return app;
}

const SERVER_VERSION = '0.1.0';
