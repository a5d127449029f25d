import type { JsonObject } from '@tessera/core';
import type { FactorRecord, SessionRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { checkSessionDuration } from '../validate.js';
import { authenticateSession, type AuthenticatedSession } from './authenticate-session.js';
import { mergeCustomClaims } from './custom-claims.js';
import { mintSessionJwt } from './mint-jwt.js';
import { newSession } from './new-session.js';

export interface SessionOptions {
  session_duration_minutes?: number | undefined;
  session_custom_claims?: JsonObject | null | undefined;
  session_token?: string | undefined;
  session_jwt?: string | undefined;
  attributes?: { ip_address?: string; user_agent?: string } | undefined;
}

/**
 * Rejects bad session options before a login endpoint writes anything (so a failed request changes nothing).
 */
export function checkSessionOptions(opts: SessionOptions): void {
  if (opts.session_duration_minutes !== undefined) checkSessionDuration(opts.session_duration_minutes);
  if (opts.session_custom_claims) mergeCustomClaims({}, opts.session_custom_claims);
}

/** A brand-new session for `user`, authenticated by `factor`. */
export async function startSession(
  ctx: ProjectContext,
  user: UserRecord,
  factor: FactorRecord,
  opts: SessionOptions & { session_duration_minutes: number },
): Promise<AuthenticatedSession> {
  const { session_token, ...fresh } = newSession(ctx, { minutes: opts.session_duration_minutes, claims: opts.session_custom_claims });
  const record: SessionRecord = {
    ...fresh,
    project_id: ctx.project.project_id,
    user_id: user.user_id,
    attributes: { ip_address: opts.attributes?.ip_address ?? '', user_agent: opts.attributes?.user_agent ?? '' },
    factors: [factor],
  };
  await ctx.stores.sessions.insert(record);
  return { record, user, session_token, session_jwt: await mintSessionJwt(ctx, record, user) };
}

/**
 * What a login endpoint answers after a factor succeeded (Stytch semantics):
 * - with `session_token`/`session_jwt`: the factor is added to that session (multi-factor), which must
 *   belong to the same user;
 * - else with `session_duration_minutes`: a new session;
 * - else no session: `session` null and both tokens `""`.
 */
export async function issueSession(
  ctx: ProjectContext,
  user: UserRecord,
  factor: FactorRecord,
  opts: SessionOptions,
): Promise<AuthenticatedSession | null> {
  if (opts.session_token || opts.session_jwt) {
    return authenticateSession(ctx, opts, { factor, userId: user.user_id });
  }
  if (opts.session_duration_minutes === undefined) return null;
  return startSession(ctx, user, factor, { ...opts, session_duration_minutes: opts.session_duration_minutes });
}
