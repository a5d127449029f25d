import type { ErrorType } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { OneTimePurpose, OneTimeTokenRecord } from '../../store/email-stores.js';
import { oneTimeTokenHash, sameTokenHash } from './one-time-token.js';
import { checkPkce } from './pkce.js';

/** Wrong codes one OTP code tolerates before it stops working (on top of the account's lockout). */
export const OTP_MAX_ATTEMPTS = 5;

export interface LinkTokenErrors {
  /** No such token (e.g. `magic_link_not_found`). */
  notFound: ErrorType;
  /** Known but already used, superseded, revoked or expired (e.g. `unable_to_auth_magic_link`). */
  unusable: ErrorType;
}

/**
 * Uses a link token once: the PKCE verifier is checked before the token is spent (a wrong verifier does
 * not burn the user's link), and of parallel requests with the same token exactly one gets it.
 *
 * Links are spent only here, by the POST that authenticates: fetching the link's URL (which is the
 * application's page, not Tessera) spends nothing, so email security scanners that prefetch links do not
 * burn them, as with Stytch, whose links also go to the application's redirect URL first.
 */
export async function redeemLinkToken(
  ctx: ProjectContext,
  purposes: OneTimePurpose[],
  token: string,
  errors: LinkTokenErrors,
  codeVerifier?: string,
): Promise<OneTimeTokenRecord> {
  const projectId = ctx.project.project_id;
  let found: OneTimeTokenRecord | null = null;
  for (const purpose of purposes) {
    found = await ctx.stores.oneTimeTokens.byHash(projectId, [purpose], oneTimeTokenHash(ctx, purpose, token));
    if (found) break;
  }
  if (!found) throw new ApiError(errors.notFound);
  const now = ctx.clock();
  if (found.used_at !== null || found.expires_at <= now) throw new ApiError(errors.unusable);
  checkPkce(found.pkce_challenge, codeVerifier);
  if (!(await ctx.stores.oneTimeTokens.consume(projectId, found.token_id, now))) throw new ApiError(errors.unusable);
  return found;
}

/**
 * Checks an email OTP code for a method (the code's HMAC is keyed by the method) and spends it when right.
 * No live code for the method: 404 `otp_code_not_found`. A wrong code counts against the code (it stops
 * working after {@link OTP_MAX_ATTEMPTS}) and is 401 `unable_to_auth_otp_code`. Callers run this inside
 * `attemptWithLockout` so wrong codes also count against the account's lockout.
 */
export async function redeemOtpCode(ctx: ProjectContext, methodId: string, code: string): Promise<OneTimeTokenRecord> {
  const projectId = ctx.project.project_id;
  const now = ctx.clock();
  const live = await ctx.stores.oneTimeTokens.liveForMethod(projectId, 'otp', methodId, now);
  if (!live) throw new ApiError('otp_code_not_found');
  if (!sameTokenHash(live.token_hash, oneTimeTokenHash(ctx, 'otp', code, methodId))) {
    await ctx.stores.oneTimeTokens.countFailure(projectId, live.token_id, OTP_MAX_ATTEMPTS, now);
    throw new ApiError('unable_to_auth_otp_code');
  }
  if (!(await ctx.stores.oneTimeTokens.consume(projectId, live.token_id, now))) throw new ApiError('unable_to_auth_otp_code');
  return live;
}
