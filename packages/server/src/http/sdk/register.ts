/**
 * Mounts the frontend API (`/sdk/v1`) on the app: one place for its protocol (docs/architecture.md, "Frontend API"), so the
 * routes stay thin.
 *
 * Per request, before any work (an `onRequest` hook: the body is not even read yet):
 * 1. The project: from the Basic user (the public token) or, for bootstrap, the path. Unknown -> 401
 *    `unauthorized_credentials`.
 * 2. The Origin: absent (a server-side fetch, or a same-origin GET) is allowed; present, it must be allowed
 *    for that project (domain/sdk/origins.ts) or the request is refused with 401 `unauthorized_credentials`
 *    and no `Access-Control-*` header, so a disallowed site can neither read an answer nor make a
 *    cookie-carrying browser perform a write. A granted origin gets the credentialed CORS headers, on
 *    errors too (the SDK must read them to react).
 * 3. The caller's session token (Basic password part, or the HttpOnly cookie); `session` routes without
 *    one -> 401 `user_unauthenticated`.
 * Then the handler, whose answer is wrapped as `{ data: { ...fields, request_id, status_code } }`; errors
 * stay top-level Stytch bodies (the app's error handler).
 *
 * Preflights (`OPTIONS /sdk/v1/*`) carry no credentials and cannot name a project: 204 with the grant for
 * an origin that is loopback or listed by some project, 204 without it otherwise.
 *
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../domain/context.js';
import { projectContext } from '../../domain/context.js';
import { ApiError } from '../../domain/errors.js';
import type { PublicTokenAuthenticator, SdkProject } from '../../domain/sdk/public-token-auth.js';
import { parseBasic } from '../basic-auth.js';
import { clearSessionCookies, readCookie, SESSION_COOKIE, setSessionCookies } from './cookies.js';
import { grantCors, grantPreflight, originOf, varyOrigin } from './cors.js';
import { routeInput, routeSchema } from '../route.js';
import type { SdkRequest, SdkRoute } from './sdk-route.js';

/** The error types after which the SDK drops its session (docs/architecture.md, "Frontend API"); cookies go with it. */
const UNRECOVERABLE = new Set(['unauthorized_credentials', 'user_unauthenticated', 'invalid_secret_authentication', 'session_not_found']);

declare module 'fastify' {
  interface FastifyRequest {
    sdk: { project: SdkProject; sessionToken: string | null } | null;
  }
}

export interface SdkOptions {
  deps: Deps;
  publicTokens: PublicTokenAuthenticator;
  requestId(req: FastifyRequest): string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySdkRoute = SdkRoute<any, any, any>;

function sessionTokenOf(req: FastifyRequest, project: SdkProject, basic: { user: string; password: string } | null): string | null {
  if (basic && basic.password && basic.password !== basic.user) return basic.password;
  return project.settings.http_only_cookies ? readCookie(req, SESSION_COOKIE) : null;
}

function sessionExpiry(result: Record<string, unknown>): string | null {
  for (const key of ['session', 'member_session']) {
    const s = result[key] as { expires_at?: unknown } | null | undefined;
    if (s && typeof s.expires_at === 'string') return s.expires_at;
  }
  return null;
}

export function registerSdk(app: FastifyInstance, routes: AnySdkRoute[], opts: SdkOptions): void {
  const { publicTokens } = opts;
  app.decorateRequest('sdk', null);

  const authenticate = (r: AnySdkRoute) => async (req: FastifyRequest, reply: FastifyReply) => {
    varyOrigin(reply);
    const origin = originOf(req.headers);
    const basic = parseBasic(req.headers.authorization);
    const token = r.auth === 'bootstrap' ? (req.params as { public_token?: string }).public_token : basic?.user;
    const project = token ? await publicTokens.project(token) : null;
    if (!project) {
      // No project to judge by: an origin that may preflight may read the error (it reveals nothing).
      if (origin !== undefined && (await publicTokens.preflightAllowed(origin))) grantCors(reply, origin);
      if (r.auth === 'telemetry') return;
      throw new ApiError('unauthorized_credentials');
    }
    if (origin !== undefined) {
      if (!publicTokens.allows(project, origin)) {
        if (r.auth === 'telemetry') return;
        throw new ApiError('unauthorized_credentials', `The origin ${origin.slice(0, 200)} is not allowed to use this project's frontend API; list it with \`tessera project origins add\`.`);
      }
      grantCors(reply, origin);
    }
    req.project = project.project;
    // A test project's test clock offset, re-read at most once a second; nothing (no await) for a live one.
    const due = opts.deps.clocks.refresh(project.project);
    if (due) await due;
    const sessionToken = sessionTokenOf(req, project, basic);
    req.sdk = { project, sessionToken };
    if (r.auth === 'session' && !sessionToken) {
      if (project.settings.http_only_cookies) clearSessionCookies(req, reply);
      throw new ApiError('user_unauthenticated');
    }
  };

  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      schema: routeSchema(r),
      onRequest: authenticate(r),
      async handler(req, reply) {
        const envelope = (fields: object) => reply.code(200).send({ data: { ...fields, request_id: opts.requestId(req), status_code: 200 } });
        if (!req.sdk) return envelope({}); // telemetry without a project
        const { project, sessionToken } = req.sdk;
        const cookies = project.settings.http_only_cookies;
        const sdk: SdkRequest = { ctx: projectContext(opts.deps, project.project), settings: project.settings, sessionToken };
        const input = routeInput(r, req);
        let result: Record<string, unknown>;
        try {
          result = (await r.handler(sdk, input)) as Record<string, unknown>;
        } catch (err) {
          // Only where the error is about the caller's session: a wrong password on a login route keeps it.
          if (cookies && r.auth === 'session' && err instanceof ApiError && UNRECOVERABLE.has(err.type)) clearSessionCookies(req, reply);
          throw err;
        }
        if (cookies) {
          const expiry = sessionExpiry(result);
          if (r.cookies === 'clear') {
            clearSessionCookies(req, reply);
          } else if (typeof result.session_token === 'string' && result.session_token && typeof result.session_jwt === 'string' && expiry) {
            setSessionCookies(req, reply, result.session_token, result.session_jwt, expiry);
            result = { ...result, session_token: '', session_jwt: '' };
          }
        }
        return envelope(result);
      },
    });
  }

  app.options('/sdk/v1/*', async (req, reply) => {
    varyOrigin(reply);
    const origin = originOf(req.headers);
    if (origin !== undefined && (await publicTokens.preflightAllowed(origin))) grantPreflight(reply, origin);
    return reply.code(204).send();
  });
}
