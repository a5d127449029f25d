import type { JsonObject } from '@tessera/core';
import type { FactorRecord } from '../../store/records.js';
import type { SessionTouch } from '../../store/stores.js';
import { checkSessionDuration } from '../validate.js';
import { mergeCustomClaims } from './custom-claims.js';

/**
 * What an authenticate asks the store to do to a live session, consumer or member: `last_accessed_at` =
 * now, the expiry reset to now + `session_duration_minutes` when given, custom claims merged, and
 * optionally a factor added, only to a session of `addFactor.subjectId` (the user or member it proves).
 * A bad duration or claims update throws here, before anything is touched.
 */
export function sessionTouch(
  now: number,
  input: { session_duration_minutes?: number | undefined; session_custom_claims?: JsonObject | null | undefined },
  addFactor?: { factor: FactorRecord; subjectId: string },
): SessionTouch {
  const touch: SessionTouch = { now };
  if (input.session_duration_minutes !== undefined) {
    touch.expiresAt = now + checkSessionDuration(input.session_duration_minutes) * 60_000;
  }
  const claims = input.session_custom_claims;
  if (claims !== undefined && claims !== null) {
    mergeCustomClaims({}, claims); // reject a bad update before touching the session
    touch.mergeClaims = (current) => mergeCustomClaims(current, claims);
  }
  if (addFactor) {
    touch.addFactor = addFactor.factor;
    touch.userId = addFactor.subjectId;
  }
  return touch;
}
