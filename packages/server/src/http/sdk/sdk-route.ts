/**
 * The third route kind, beside `secretRoute` and `publicRoute`: the frontend API (`/sdk/v1/...`) the
 * official browser SDKs call (docs/architecture.md, "Frontend API"). Its handlers look like the backend ones (validated input
 * in, response fields out) and know nothing of the protocol around them, which `register.ts` adds in one
 * place: the public-token Basic credential, the caller's session, credentialed CORS for the project's
 * origins, the `{ data: { ... } }` envelope, and the HttpOnly cookies of projects that opt in.
 *
 * Who may call (`auth`):
 * - `public-token`: `Authorization: Basic public_token:<anything>` (login routes; the SDK sends its
 *   session token as the password part when it has one, which these routes ignore: a login always starts a
 *   new session. Attaching a factor to the current session (step-up) is the passwordless issue's seam:
 *   `SdkRequest.sessionToken` is there for it).
 * - `session`: as above and a session token, from the Basic password part, or, when the project uses
 *   HttpOnly cookies and the password part is the public token, from the `stytch_session` cookie. Without
 *   one: 401 `user_unauthenticated` (which makes the SDK log out). The handler resolves the session through
 *   the domain (one lookup: `sessions/authenticate` touches it, `users/me` only reads it).
 * - `bootstrap`: the public token is the `:public_token` path parameter (no Basic header needed).
 * - `telemetry`: never refused (the SDK ignores the answer); the project, when the Basic header names one,
 *   decides the CORS grant.
 *
 * @module
 */
import type { TSchema } from 'typebox';
import type { ProjectContext } from '../../domain/context.js';
import type { SdkSettings } from '../../store/sdk-stores.js';
import type { Input, RouteBase } from '../route.js';

export type SdkAuth = 'public-token' | 'session' | 'bootstrap' | 'telemetry';

/** What an SDK handler knows about its caller. */
export interface SdkRequest {
  ctx: ProjectContext;
  settings: SdkSettings;
  /** The caller's session token (required, hence non-null, on `session` routes). */
  sessionToken: string | null;
}

export interface SdkRoute<B extends TSchema, Q extends TSchema, P extends TSchema> extends RouteBase<B, Q, P> {
  auth: SdkAuth;
  /**
   * For projects with HttpOnly cookies: `clear` removes the session cookies after success (revoke). Every
   * answer carrying a non-empty `session_token` sets them (see cookies.ts); nothing to declare.
   */
  cookies?: 'clear';
  handler(sdk: SdkRequest, input: Input<B, Q, P>): Promise<object>;
}

type SdkSession = SdkRequest & { sessionToken: string };

/** A route whose caller needs a session; the handler gets the token as a string. */
export function sdkSessionRoute<B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema>(
  r: Omit<SdkRoute<B, Q, P>, 'auth' | 'handler'> & { handler(sdk: SdkSession, input: Input<B, Q, P>): Promise<object> },
): SdkRoute<B, Q, P> {
  return { ...r, auth: 'session', handler: (sdk, input) => r.handler(sdk as SdkSession, input) };
}

/** A login route: the public token alone. */
export function sdkPublicRoute<B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema>(
  r: Omit<SdkRoute<B, Q, P>, 'auth'>,
): SdkRoute<B, Q, P> {
  return { ...r, auth: 'public-token' };
}

/** Any other kind (`bootstrap`, `telemetry`). */
export function sdkRoute<B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema>(r: SdkRoute<B, Q, P>): SdkRoute<B, Q, P> {
  return r;
}
