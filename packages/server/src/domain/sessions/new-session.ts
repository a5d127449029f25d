import { newId, type JsonObject } from '@tessera/core';
import { deriveSessionToken, newTokenSalt, sha256 } from '../../crypto/session-token.js';
import type { SessionRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { checkSessionDuration } from '../validate.js';
import { mergeCustomClaims } from './custom-claims.js';

/** What every new session has, consumer or member: id, token, times, claims. */
export type NewSession = Pick<SessionRecord, 'session_id' | 'token_hash' | 'token_salt' | 'started_at' | 'last_accessed_at' | 'expires_at' | 'revoked_at' | 'custom_claims' | 'version'> & {
  session_token: string;
};

/**
 * The common part of a new session, starting now for `minutes`: the token is derived from the id and a
 * random salt (crypto/session-token.ts); the row keeps the salt and the token's hash, never the token.
 * A bad duration or custom claims throw here, before anything is written.
 */
export function newSession(ctx: ProjectContext, opts: { minutes: number; claims?: JsonObject | null | undefined }): NewSession {
  const now = ctx.clock();
  const minutes = checkSessionDuration(opts.minutes);
  const session_id = newId('session', ctx.project.env);
  const token_salt = newTokenSalt();
  const session_token = deriveSessionToken(ctx.tokenKey, session_id, token_salt);
  return {
    session_id,
    session_token,
    token_hash: sha256(session_token),
    token_salt,
    started_at: now,
    last_accessed_at: now,
    expires_at: now + minutes * 60_000,
    revoked_at: null,
    custom_claims: opts.claims ? mergeCustomClaims({}, opts.claims) : {},
    version: 0,
  };
}
