/**
 * `tesseraMiddleware(options)`: the Pages plugin's options and checks for plain Workers `fetch`
 * handlers and for Hono.
 *
 * ```ts
 * const auth = tesseraMiddleware({ project_id, secret: (env) => env.STYTCH_SECRET, env: envs.at(url) });
 * export default { fetch: auth.wrap((request, env, ctx, stytch) => Response.json(stytch.session.user)) };
 * app.use('/app/*', auth);                // Hono: c.get('stytch').session
 * ```
 *
 * @module
 */
import { EdgeAuthenticator, type AuthOutcome, type StytchData } from './authenticator.js';
import type { EdgeEnv, TesseraEdgeOptions } from './options.js';
import { withCookies } from './pages.js';

/** The part of a Hono `Context` used (structural, so Hono is not a dependency). */
export interface HonoLikeContext {
  req: { raw: Request };
  env?: unknown;
  set(key: 'stytch', value: StytchData): void;
  header(name: string, value: string, options?: { append?: boolean }): void;
}

export type WorkerHandler<E, C> = (request: Request, env: E, ctx: C, stytch: StytchData) => Response | Promise<Response>;

export interface TesseraMiddleware {
  /** Hono middleware: sets `c.var.stytch`, or answers 401 itself. */
  (c: HonoLikeContext, next: () => Promise<void>): Promise<Response | void>;
  /** The check alone. */
  authenticate(request: Request, env?: EdgeEnv): Promise<AuthOutcome>;
  /** Wraps a Workers `fetch` handler: it runs only for authenticated requests. */
  wrap<E = EdgeEnv, C = unknown>(handler: WorkerHandler<E, C>): (request: Request, env: E, ctx: C) => Promise<Response>;
}

export function tesseraMiddleware(options: TesseraEdgeOptions): TesseraMiddleware {
  const auth = new EdgeAuthenticator(options);
  const hono = async (c: HonoLikeContext, next: () => Promise<void>): Promise<Response | void> => {
    const outcome = await auth.authenticate(c.req.raw, (c.env ?? {}) as EdgeEnv);
    if (!outcome.ok) return outcome.response;
    c.set('stytch', outcome.data);
    await next();
    for (const cookie of outcome.setCookies) c.header('Set-Cookie', cookie, { append: true });
  };
  return Object.assign(hono, {
    authenticate: (request: Request, env: EdgeEnv = {}) => auth.authenticate(request, env),
    wrap<E, C>(handler: WorkerHandler<E, C>) {
      return async (request: Request, env: E, ctx: C): Promise<Response> => {
        const outcome = await auth.authenticate(request, (env ?? {}) as EdgeEnv);
        if (!outcome.ok) return outcome.response;
        return withCookies(await handler(request, env, ctx, outcome.data), outcome.setCookies);
      };
    },
  });
}

export { EdgeAuthenticator, type AuthOutcome, type StytchData, type AuthenticateResult } from './authenticator.js';
export { envs } from './pages-api.js';
export type { TesseraEdgeOptions, SecretSource, SetCookieOptions, EdgeEnv } from './options.js';
