/**
 * Intermediate session tokens (IST): what a B2B login answers instead of a session when the organization
 * asks for more (MFA, another primary method), and what discovery answers before an organization is chosen.
 * An IST is a bag of factors authenticated so far, for one email address, optionally bound to a member of an
 * organization. It is a one-time token (only its HMAC is stored, purpose `intermediate_session`), lives
 * 10 minutes, and is spent by the request that turns it into a session or a new IST.
 *
 * Stytch answers "the same intermediate session token" when the added factor is still not enough; Tessera
 * spends every IST it accepts and answers a new one carrying all the factors (an IST is single use).
 *
 * @module
 */
import { rfc3339, type JsonObject } from '@tessera/core';
import type { FactorRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { issueLinkToken } from '../../email/issue-token.js';
import { oneTimeTokenHash } from '../../email/one-time-token.js';
import { ApiError } from '../../errors.js';

/** Stytch: intermediate session tokens live 10 minutes. */
export const INTERMEDIATE_SESSION_MINUTES = 10;

/** An accepted (not yet spent) intermediate session. */
export interface IntermediateSession {
  token_id: string;
  email: string;
  /** The member and organization of an IST from an organization login; null for discovery. */
  member_id: string | null;
  organization_id: string | null;
  factors: FactorRecord[];
}

export interface IssuedIntermediateSession {
  intermediate_session_token: string;
  intermediate_session_token_expires_at: string;
}

/** A new IST for `email` carrying `factors`. */
export async function issueIntermediateSession(
  ctx: ProjectContext,
  s: { email: string; member_id: string | null; organization_id: string | null; factors: FactorRecord[] },
): Promise<IssuedIntermediateSession> {
  const token = await issueLinkToken(ctx, {
    purpose: 'intermediate_session',
    method_id: null,
    subject_id: s.member_id,
    organization_id: s.organization_id,
    email: s.email,
    data: { factors: s.factors as unknown as JsonObject[] },
    expiration_minutes: INTERMEDIATE_SESSION_MINUTES,
  });
  return { intermediate_session_token: token, intermediate_session_token_expires_at: rfc3339(ctx.clock() + INTERMEDIATE_SESSION_MINUTES * 60_000) };
}

/**
 * The live IST `token` names, without spending it (the request may still fail). Unknown, used or expired:
 * 404 `intermediate_session_not_found`.
 */
export async function openIntermediateSession(ctx: ProjectContext, token: string): Promise<IntermediateSession> {
  const found = token.length <= 1024 ? await ctx.stores.oneTimeTokens.byHash(ctx.project.project_id, ['intermediate_session'], oneTimeTokenHash(ctx, 'intermediate_session', token)) : null;
  if (!found || found.used_at !== null || found.expires_at <= ctx.clock()) throw new ApiError('intermediate_session_not_found');
  const factors = Array.isArray(found.data.factors) ? (found.data.factors as unknown as FactorRecord[]) : [];
  return { token_id: found.token_id, email: found.email, member_id: found.subject_id, organization_id: found.organization_id, factors };
}

/** Spends an opened IST; of parallel requests with the same IST exactly one gets here (404 for the others). */
export async function spendIntermediateSession(ctx: ProjectContext, s: IntermediateSession): Promise<void> {
  if (!(await ctx.stores.oneTimeTokens.consume(ctx.project.project_id, s.token_id, ctx.clock()))) throw new ApiError('intermediate_session_not_found');
}

/**
 * The factors of `ist` that carry over to a login of `member` in `organizationId`: all of them for the IST's
 * own member; for another organization (discovery, exchange) only those proving the email address, as
 * Stytch documents that password factors are not transferable between organizations. An IST of another
 * email address is refused (404, as if unknown).
 */
export function carriedFactors(ist: IntermediateSession, member: { member_id: string; email_address: string }, organizationId: string): FactorRecord[] {
  if (ist.email !== member.email_address) throw new ApiError('intermediate_session_not_found');
  if (ist.member_id !== null && ist.member_id !== member.member_id && ist.organization_id === organizationId) throw new ApiError('intermediate_session_not_found');
  if (ist.organization_id === organizationId) return ist.factors;
  return ist.factors.filter((f) => f.type === 'magic_link' || f.type === 'email_otp');
}

/** `factors` with `added` replacing a factor of the same type and delivery method. */
export function withFactor(factors: FactorRecord[], added: FactorRecord): FactorRecord[] {
  return [...factors.filter((f) => f.type !== added.type || f.delivery_method !== added.delivery_method), added];
}
