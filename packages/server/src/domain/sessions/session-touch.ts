import type { JsonObject } from '@tessera/core';
import type { FactorRecord } from '../../store/records.js';
import { checkSessionDuration } from '../validate.js';
import { mergeCustomClaims } from './custom-claims.js';
import type { SessionChange } from './session-update.js';

/**
 * What an authenticate asks of a live session, consumer or member: `last_accessed_at` = now, the expiry
 * extended to now + `session_duration_minutes` when given, custom claims merged, and optionally a factor
 * added, only to a session of `addFactor.subjectId` (the user or member it proves). A bad duration or
 * claims update throws here, before anything is read or written. The next state itself is computed by
 * `nextSessionState` (session-update.ts).
 */
export function sessionTouch(
  now: number,
  input: { session_duration_minutes?: number | undefined; session_custom_claims?: JsonObject | null | undefined },
  addFactor?: { factor: FactorRecord; subjectId: string },
): SessionChange {
  const change: SessionChange = { now };
  if (input.session_duration_minutes !== undefined) {
    change.expiresAt = now + checkSessionDuration(input.session_duration_minutes) * 60_000;
  }
  const claims = input.session_custom_claims;
  if (claims !== undefined && claims !== null) {
    mergeCustomClaims({}, claims); // reject a bad update before reading the session
    change.claims = claims;
  }
  if (addFactor) {
    change.addFactor = addFactor.factor;
    change.subjectId = addFactor.subjectId;
  }
  return change;
}
