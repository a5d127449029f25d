/**
 * `import tesseraPlugin from "@tessera/edge/pages"`: a drop-in for `@cloudflare/pages-plugin-stytch`
 * 1.0.0. Same single argument, same `data.stytch.session`; an unauthenticated request gets a
 * Stytch-shaped 401 JSON instead of an empty 403 (or a 500 when the request had no `Cookie` header).
 *
 * @module
 */
import { EdgeAuthenticator, type StytchData } from './authenticator.js';
import type { EdgeEnv, TesseraEdgeOptions } from './options.js';

/** The part of a Pages Functions `EventContext` the plugin uses. */
export interface PagesContext {
  request: Request;
  /** `unknown` so a `PagesFunction<Env>` of any `Env` accepts the plugin. */
  env: unknown;
  data: Record<string, unknown>;
  next(input?: Request | string, init?: RequestInit): Promise<Response>;
}

export type PagesMiddleware = (context: PagesContext) => Promise<Response>;

export default function tesseraPlugin(args: TesseraEdgeOptions): PagesMiddleware {
  const auth = new EdgeAuthenticator(args);
  return async (context) => {
    const outcome = await auth.authenticate(context.request, (context.env ?? {}) as EdgeEnv);
    if (!outcome.ok) return outcome.response;
    (context.data as { stytch?: StytchData }).stytch = outcome.data;
    const res = await context.next();
    return withCookies(res, outcome.setCookies);
  };
}

/** Adds `Set-Cookie` values, copying the response when its headers are immutable. */
export function withCookies(res: Response, cookies: string[]): Response {
  if (cookies.length === 0) return res;
  const out = new Response(res.body, res);
  for (const c of cookies) out.headers.append('Set-Cookie', c);
  return out;
}

export { envs } from './pages-api.js';
/** `context.data` after the plugin ran, as the official `PluginData`: `data.stytch.session`. */
export type PluginData = { stytch: StytchData };
export type { StytchData, AuthenticateResult } from './authenticator.js';
export type { TesseraEdgeOptions as PluginArgs, SecretSource, SetCookieOptions } from './options.js';
