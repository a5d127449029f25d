/**
 * Where an emailed link points: the URL the request names, or the project's default for that kind of
 * link (`tessera project mail`), with the token appended as Stytch does (`?stytch_token_type=<type>&token=<token>`).
 *
 * Decisions: Stytch accepts only redirect URLs registered for the project. Tessera trusts the backend API
 * (it is called with the project secret) with any absolute http(s) URL; the frontend API (`/sdk/v1`,
 * called with the public token from any page) only accepts URLs on an origin the project allows
 * (the same list as CORS, loopback origins included on test projects), so nobody can have a user's login
 * link sent to a site of theirs.
 *
 * @module
 */
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { originAllowed } from '../sdk/origins.js';
import type { MailSettings } from '../../store/email-stores.js';

export type RedirectKind = 'login' | 'signup' | 'invite' | 'reset' | 'discovery';

/** Who asked: the backend API (secret) or the frontend API (public token). */
export type Caller = 'backend' | 'sdk';

/**
 * The validated base URL for a link of `kind`: `requested` when given, else the project default.
 * Throws 400 `invalid_magic_link_url` (not an absolute http(s) URL, or an origin the frontend may not use)
 * or `no_magic_link_url` (none given and no default).
 */
export async function redirectUrl(ctx: ProjectContext, kind: RedirectKind, requested: string | undefined, caller: Caller): Promise<string> {
  if (requested !== undefined && requested !== '') {
    let url: URL;
    try {
      url = new URL(requested);
    } catch {
      throw new ApiError('invalid_magic_link_url');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('invalid_magic_link_url');
    if (caller === 'sdk') {
      const listed = await ctx.stores.projectSdk.origins(ctx.project.project_id);
      if (!originAllowed(url.origin, ctx.project.env, listed)) {
        throw new ApiError('invalid_magic_link_url', `${url.origin} is not an allowed origin of this project (tessera project origins add).`);
      }
    }
    return url.toString();
  }
  const settings = await ctx.stores.mailSettings.get(ctx.project.project_id);
  const fallback = settings[`${kind}_redirect_url` as keyof MailSettings];
  if (!fallback) throw new ApiError('no_magic_link_url', `No ${kind} redirect URL was given and the project has no default (tessera project mail).`);
  return fallback;
}

/**
 * `base` with `stytch_token_type` and `token` added to its query. The token's base64url `=` pad is left
 * as is (it is legal in a query, and Stytch's links show it raw), so a token copied out of a link by hand
 * works as it is.
 */
export function linkWithToken(base: string, tokenType: string, token: string): string {
  const url = new URL(base);
  url.searchParams.delete('token');
  url.searchParams.set('stytch_token_type', tokenType);
  const value = /^[A-Za-z0-9_-]+=*$/.test(token) ? token : encodeURIComponent(token);
  url.search = `${url.search}&token=${value}`;
  return url.toString();
}
