import type { JsonObject } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import type { OneTimePurpose } from '../../store/email-stores.js';
import { newOneTimeToken, newOtpCode, newTokenId, oneTimeTokenHash } from './one-time-token.js';
import { normalizeChallenge } from './pkce.js';

export interface IssueTokenInput {
  purpose: OneTimePurpose;
  /** The email_id / member method the token is for (OTP: one live code per method). */
  method_id: string | null;
  /** user_id or member_id; null for discovery. */
  subject_id: string | null;
  organization_id?: string | null;
  email: string;
  data?: JsonObject;
  /** PKCE challenge sent by the request that starts the flow. */
  code_challenge?: string;
  expiration_minutes: number;
}

function record(ctx: ProjectContext, input: IssueTokenInput, tokenHash: string) {
  const now = ctx.clock();
  return {
    token_id: newTokenId(),
    project_id: ctx.project.project_id,
    purpose: input.purpose,
    token_hash: tokenHash,
    method_id: input.method_id,
    subject_id: input.subject_id,
    organization_id: input.organization_id ?? null,
    email: input.email,
    data: input.data ?? {},
    pkce_challenge: normalizeChallenge(input.code_challenge),
    attempts: 0,
    created_at: now,
    expires_at: now + input.expiration_minutes * 60_000,
    used_at: null,
  };
}

/** A new 44-character link token (magic link, reset, discovery, intermediate session); only its HMAC is stored. */
export async function issueLinkToken(ctx: ProjectContext, input: IssueTokenInput): Promise<string> {
  const token = newOneTimeToken();
  await ctx.stores.oneTimeTokens.insert(record(ctx, input, oneTimeTokenHash(ctx, input.purpose, token)));
  return token;
}

/**
 * A new 6-digit code for `input.method_id`; the method's previous live code stops working (one live code
 * per method, as Stytch documents). Only the code's HMAC, keyed by the method too, is stored.
 */
export async function issueOtpCode(ctx: ProjectContext, input: IssueTokenInput & { method_id: string }): Promise<string> {
  const code = newOtpCode();
  await ctx.stores.oneTimeTokens.insert(record(ctx, { ...input, purpose: 'otp' }, oneTimeTokenHash(ctx, 'otp', code, input.method_id)), { supersede: true });
  return code;
}
