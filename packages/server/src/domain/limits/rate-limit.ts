/**
 * Rate limits of the endpoints that send mail or check codes (issue #16): per project and endpoint, and
 * per endpoint and identifier (an email address, a method id). Fixed windows counted in the database, so
 * the limits hold across parallel requests and processes and survive a restart. Over the limit: 429
 * `too_many_requests` with `Retry-After` (the end of the window).
 *
 * @module
 */
import { sha256 } from '../../crypto/session-token.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitPolicy {
  /** Every caller of one endpoint of one project together. */
  endpoint: RateLimitRule;
  /** One identifier (email address, method id) at one endpoint. */
  identifier: RateLimitRule;
}

async function hit(ctx: ProjectContext, bucket: string, rule: RateLimitRule): Promise<void> {
  const now = ctx.clock();
  const windowStart = now - (now % rule.windowMs);
  const count = await ctx.stores.rateLimits.hit(ctx.project.project_id, bucket, windowStart);
  if (count > rule.limit) {
    throw new ApiError('too_many_requests', undefined, undefined, { retryAfterMs: windowStart + rule.windowMs - now });
  }
}

/**
 * Counts one request to `endpoint` (a route name such as `magic_links.email.login_or_create`), and one for
 * `identifier` when given; throws 429 when either is over its limit. Identifiers are stored hashed.
 */
export async function enforceRateLimit(ctx: ProjectContext, endpoint: string, identifier?: string): Promise<void> {
  const { endpoint: perEndpoint, identifier: perIdentifier } = ctx.policy.rateLimits;
  await hit(ctx, `endpoint:${endpoint}`, perEndpoint);
  if (identifier !== undefined) await hit(ctx, `identifier:${endpoint}:${sha256(identifier.toLowerCase())}`, perIdentifier);
}
