/**
 * Route definitions: a method, a path, schemas, who may call it, and a handler that takes validated
 * input and returns the response fields. Handlers never touch the reply; `app.ts` adds `status_code` and
 * `request_id` and maps thrown ApiErrors to Stytch error bodies.
 *
 * @module
 */
import type { Static, TSchema } from 'typebox';
import type { Deps, ProjectContext } from '../domain/context.js';
import { ApiError } from '../domain/errors.js';
import type { SdkRoute } from './sdk/sdk-route.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Input<B extends TSchema, Q extends TSchema, P extends TSchema> {
  body: Static<B>;
  query: Static<Q>;
  params: Static<P>;
  headers: Record<string, string | string[] | undefined>;
}

export interface RouteBase<B extends TSchema, Q extends TSchema, P extends TSchema> {
  method: Method;
  url: string;
  body?: B;
  query?: Q;
  params?: P;
  /** OpenAPI summary. */
  summary?: string;
  /**
   * `Cache-Control` of a successful answer. Default `no-store`: answers carry tokens, JWTs and personal
   * data that no cache (a proxy's, or the browser's back/forward history) may keep.
   */
  cacheControl?: string;
  /**
   * `false`: a secret-authenticated POST/PUT/DELETE that changes nothing an operator audits (a search, a
   * strength check, a session authenticate), kept out of the audit log. Every other secret route that is
   * not a GET is audited (`http/api-audit.ts`); a test lists the exceptions.
   */
  audit?: false;
}

/** Called with `Authorization: Basic project_id:secret`. */
export interface SecretRoute<B extends TSchema, Q extends TSchema, P extends TSchema> extends RouteBase<B, Q, P> {
  auth: 'secret';
  handler(ctx: ProjectContext, input: Input<B, Q, P>): Promise<object>;
}

/** Open to anyone (JWKS); Basic credentials, when sent, are not required. */
export interface PublicRoute<B extends TSchema, Q extends TSchema, P extends TSchema> extends RouteBase<B, Q, P> {
  auth: 'none';
  handler(deps: Deps, input: Input<B, Q, P>): Promise<object>;
}

// The handler's input type is checked where the route is written; the registry stores them uniformly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BackendRoute = SecretRoute<any, any, any> | PublicRoute<any, any, any>;
/** Every route, the frontend API's (`/sdk/v1`, see sdk/sdk-route.ts) included: what the OpenAPI document lists. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = BackendRoute | SdkRoute<any, any, any>;

export const secretRoute = <B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema>(
  r: Omit<SecretRoute<B, Q, P>, 'auth'>,
): SecretRoute<B, Q, P> => ({ ...r, auth: 'secret' });

export const publicRoute = <B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema>(
  r: Omit<PublicRoute<B, Q, P>, 'auth'>,
): PublicRoute<B, Q, P> => ({ ...r, auth: 'none' });

/** The Fastify schema of a route: what validates its input, and what the OpenAPI document is built from. */
export function routeSchema(r: RouteBase<TSchema, TSchema, TSchema>) {
  return {
    ...(r.body ? { body: r.body } : {}),
    ...(r.query ? { querystring: r.query } : {}),
    ...(r.params ? { params: r.params } : {}),
    ...(r.summary ? { summary: r.summary } : {}),
  };
}

/**
 * A handler's input from the request. A body-less request gets `{}`. A route without a body schema reads no
 * field, yet what a client sends it must still be a JSON object, as a route with a schema requires: `[1]`,
 * `"x"` or `null` get the same 400 `bad_request` (found by the reliability fuzz). A route that takes any JSON
 * (SDK telemetry, an array) says so with a permissive body schema.
 */
export function routeInput(
  r: Pick<RouteBase<TSchema, TSchema, TSchema>, 'body'>,
  req: { body: unknown; query: unknown; params: unknown; headers: Record<string, string | string[] | undefined> },
): Input<TSchema, TSchema, TSchema> {
  const body = req.body === undefined ? {} : req.body;
  if (!r.body && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw new ApiError('bad_request', 'The request body must be a JSON object.');
  }
  return { body: body as Static<TSchema>, query: req.query as Static<TSchema>, params: req.params as Static<TSchema>, headers: req.headers };
}
