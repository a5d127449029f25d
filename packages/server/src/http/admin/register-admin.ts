/**
 * The admin console at `/admin` (issue #19): server-rendered pages and plain HTML forms, served by the same
 * Fastify instance as the API but in its own encapsulated context (its own body parser, error pages and
 * security headers). Operators sign in with accounts made by `tessera admin create`; while none exists the
 * console answers that it is off, and `TESSERA_ADMIN=off` does not register it at all.
 *
 * Every write is a POST carrying the session's CSRF token, from this site, with the SameSite=Strict
 * HttpOnly session cookie; each one is written to the audit log.
 *
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { ERROR_REGISTRY } from '@tessera/core';
import type { Deps } from '../../domain/context.js';
import { ApiError } from '../../domain/errors.js';
import { signInAdmin, signOutAdmin } from '../../domain/admin/admin-session.js';
import { ADMIN_POLICY } from '../../domain/admin/admin-policy.js';
import { SignInLimiter } from '../../domain/admin/sign-in-limiter.js';
import { CONSOLE_CSS } from './assets.js';
import type { ActivityView } from './charts.js';
import { cookieValue, COOKIE, csrfOk, field, pageContext, resolveOperator, securityHeaders, sendPage, sessionCookie, crossSite } from './admin-request.js';
import { consoleOffPage, errorPage, signInPage } from './pages/sign-in.js';
import { overviewPage } from './pages/overview.js';
import { auditPage } from './pages/audit.js';
import { registerProjectPages } from './project-routes.js';
import { registerAccountPages } from './account-routes.js';
import { adminAudit, auditRows } from './admin-audit.js';
import { flashOf } from './flash.js';

export interface AdminConsoleOptions {
  readonly deps: Deps;
  /** The per-minute activity the metrics module records (null: no charts). */
  readonly activity: (() => Promise<ActivityView>) | null;
  /** Largest form body, in bytes (the server's body limit). */
  readonly bodyLimit: number;
}

export function registerAdminConsole(app: FastifyInstance, opts: AdminConsoleOptions): void {
  const { deps } = opts;
  const limiter = new SignInLimiter(ADMIN_POLICY.signInsPerAddress, deps.clock);
  // Whether any operator exists: re-read at most every 2 seconds (one count query, not one per request).
  let known: { on: boolean; until: number } = { on: false, until: 0 };
  const enabled = async (): Promise<boolean> => {
    const now = performance.now(); // real time: a test project's clock has nothing to do with this cache
    if (now >= known.until) known = { on: (await deps.stores.admins.count()) > 0, until: now + 2_000 };
    return known.on;
  };

  app.register(
    async (admin) => {
      admin.decorateRequest('operator', null);
      admin.removeAllContentTypeParsers();
      admin.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => {
        const fields: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(body as string)) fields[k] = v;
        done(null, fields);
      });

      admin.addHook('onRequest', async (req, reply) => {
        securityHeaders(reply);
        if (req.url.startsWith('/admin/assets/')) return;
        if (!(await enabled())) return sendPage(reply, 404, consoleOffPage());
        await resolveOperator(deps, req);
        if (req.routeOptions.config && (req.routeOptions.config as { public?: boolean }).public) return;
        if (!req.operator) {
          if (req.method === 'GET' || req.method === 'HEAD') return reply.redirect('/admin/login', 303);
          return sendPage(reply, 403, errorPage(pageContext(req), 'Signed out', 'Your session has ended. Sign in again, then repeat the change.'));
        }
      });
      // Writes: the session's CSRF token and this site's origin, checked once the form is parsed.
      admin.addHook('preHandler', async (req, reply) => {
        if (req.method !== 'POST' || !req.operator) return;
        if (!csrfOk(req)) {
          adminAudit(deps, req, 'admin.csrf_refused', null, null, 403);
          return sendPage(reply, 403, errorPage(pageContext(req), 'Refused', 'The form was refused: its CSRF token is missing or wrong, or it came from another site. Reload the page and try again.'));
        }
      });

      admin.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
        if (err instanceof ApiError) {
          const [status] = ERROR_REGISTRY[err.type];
          return sendPage(reply, status, errorPage(pageContext(req), 'Not done', err.hasMessage ? err.message : ERROR_REGISTRY[err.type][1]));
        }
        if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendPage(reply, 415, errorPage(pageContext(req), 'Refused', 'Forms are sent as application/x-www-form-urlencoded.'));
        if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendPage(reply, 413, errorPage(pageContext(req), 'Refused', 'The form is too large.'));
        if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return sendPage(reply, err.statusCode, errorPage(pageContext(req), 'Refused', 'The request could not be understood.'));
        req.log.error({ err, route: req.routeOptions.url }, 'admin console error');
        return sendPage(reply, 500, errorPage(pageContext(req), 'Error', 'Something went wrong; the server log has the details.'));
      });
      admin.setNotFoundHandler((req, reply) => sendPage(reply, 404, errorPage(pageContext(req), 'Not found', 'There is no such page.')));

      admin.get('/assets/console.css', async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return reply.type('text/css; charset=utf-8').send(CONSOLE_CSS);
      });

      admin.get('/login', { config: { public: true } }, async (req, reply) => {
        if (req.operator) return reply.redirect('/admin', 303);
        return sendPage(reply, 200, signInPage(null));
      });

      admin.post('/login', { config: { public: true } }, async (req, reply) => {
        const username = field(req, 'username');
        if (crossSite(req)) return sendPage(reply, 403, signInPage({ kind: 'error', text: 'Refused: the form came from another site.' }, username));
        const wait = limiter.hit(req.ip);
        if (wait > 0) {
          reply.header('retry-after', String(Math.ceil(wait / 1000)));
          return sendPage(reply, 429, signInPage({ kind: 'error', text: 'Too many sign-in attempts from this address. Wait a few minutes.' }, username));
        }
        try {
          const signed = await signInAdmin(deps, { username, password: field(req, 'password'), ip: req.ip, user_agent: req.headers['user-agent'] ?? null });
          reply.header('set-cookie', sessionCookie(req, signed.token));
          req.operator = { account: signed.account, token: signed.token, csrf: '' };
          adminAudit(deps, req, 'admin.sign_in', null, null, 200);
          return reply.redirect('/admin', 303);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          // Recorded with the username tried (never the password): failed sign-ins are what an operator audits.
          adminAudit(deps, req, 'admin.sign_in', null, null, ERROR_REGISTRY[err.type][0], { username });
          if (err.type === 'user_lock_limit_reached') {
            return sendPage(reply, 403, signInPage({ kind: 'error', text: 'This account is locked after too many wrong passwords. Try again in 15 minutes.' }, username));
          }
          if (err.type === 'too_many_requests') return sendPage(reply, 429, signInPage({ kind: 'error', text: 'The server is busy. Try again in a moment.' }, username));
          return sendPage(reply, 401, signInPage({ kind: 'error', text: 'Wrong username or password.' }, username));
        }
      });

      admin.post('/logout', async (req, reply) => {
        const token = cookieValue(req.headers.cookie, COOKIE);
        if (token) await signOutAdmin(deps, token);
        adminAudit(deps, req, 'admin.sign_out', null, null, 200);
        reply.header('set-cookie', sessionCookie(req, null));
        return reply.redirect('/admin/login', 303);
      });

      admin.get('/', async (req, reply) => {
        const [projects, activity, audit] = await Promise.all([deps.stores.projects.list(), opts.activity ? opts.activity() : null, auditRows(deps, { limit: 10 })]);
        return sendPage(reply, 200, overviewPage(pageContext(req), { projects, activity, audit }, flashOf(req)));
      });

      admin.get('/audit', async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim().slice(0, 200) : '');
        const filter = { project: text('project'), actor: text('actor'), action: text('action') };
        const rows = await auditRows(deps, { project_id: filter.project || undefined, actor_id: filter.actor || undefined, action_prefix: filter.action || undefined, limit: 200 });
        return sendPage(reply, 200, auditPage(pageContext(req), filter, rows));
      });

      registerProjectPages(admin, deps);
      registerAccountPages(admin, deps);
    },
    { prefix: '/admin' },
  );
}
