import type { JsonObject } from '@tessera/core';
import type { FactorRecord } from '../../store/records.js';
import type { SessionState } from '../../store/session-stores.js';
import { mergeCustomClaims } from './custom-claims.js';

/**
 * What an authenticate asks of a live session, consumer or member (built by `sessionChange`): always a new
 * access time; optionally a new expiry, a custom-claims update and a factor for a given subject.
 */
export interface SessionChange {
  now: number;
  /** now + `session_duration_minutes`, when the request extends the session. */
  expiresAt?: number;
  /** The `session_custom_claims` update to merge (already checked against an empty session). */
  claims?: JsonObject;
  /** A factor to add (or refresh, when one of the same type and delivery method exists). */
  addFactor?: FactorRecord;
  /** With `addFactor`: the user or member the session must belong to. */
  subjectId?: string;
}

/** True when the change only moves the access time: the authenticate hot path (one read, write-behind). */
export function isPlainTouch(change: SessionChange): boolean {
  return change.expiresAt === undefined && change.claims === undefined && change.addFactor === undefined && change.subjectId === undefined;
}

/** Adds a factor, or refreshes the one of the same type and delivery method (a session lists each once). */
export function upsertFactor(factors: FactorRecord[], factor: FactorRecord): FactorRecord[] {
  const i = factors.findIndex((f) => f.type === factor.type && f.delivery_method === factor.delivery_method);
  if (i < 0) return [...factors, factor];
  const next = factors.slice();
  next[i] = { ...factor, created_at: factors[i]!.created_at };
  return next;
}

/**
 * The session's next state from its current one; pure, so it can be recomputed when a compare-and-set
 * loses a race. May throw an ApiError (a claims merge past 4 KB): nothing has been written then.
 *
 * - `last_accessed_at` never moves backwards.
 * - The expiry never gets shorter. The contract says `session_duration_minutes` "resets" the expiry to
 *   now + duration; whether real Stytch would shorten a session when a later call asks for less is
 *   UNVERIFIED. Stytch documents the parameter as extending the session ("will continue to extend the
 *   session this many minutes"), and a shorter request racing a longer one must not cut the longer one
 *   short, so Tessera extends only: new expiry = max(current, now + duration).
 * - Claims are merged into the current ones (so parallel merges lose no update); the factor is upserted.
 */
export function nextSessionState(current: SessionState, change: SessionChange): SessionState {
  return {
    last_accessed_at: Math.max(change.now, current.last_accessed_at),
    expires_at: change.expiresAt === undefined ? current.expires_at : Math.max(current.expires_at, change.expiresAt),
    custom_claims: change.claims === undefined ? current.custom_claims : mergeCustomClaims(current.custom_claims, change.claims),
    factors: change.addFactor ? upsertFactor(current.factors, change.addFactor) : current.factors,
  };
}
