import { RESERVED_CLAIMS, type JsonObject } from '@tessera/core';
import { ApiError } from '../errors.js';
import { jsonDepth } from '../validate.js';

export const CUSTOM_CLAIMS_MAX_BYTES = 4096;
const MAX_DEPTH = 16;

/**
 * Merges `session_custom_claims` into a session's claims as Stytch documents: a key set to null is deleted,
 * reserved registered claims (iss, sub, aud, exp, nbf, iat, jti) are ignored, keys in the
 * `https://stytch.com/` namespace are refused, and the result must stay within 4 KB of JSON.
 */
export function mergeCustomClaims(current: JsonObject, update: unknown): JsonObject {
  if (update === null || typeof update !== 'object' || Array.isArray(update)) throw new ApiError('unable_to_represent_custom_claims_json');
  const next: JsonObject = { ...current };
  for (const [k, v] of Object.entries(update as JsonObject)) {
    if (RESERVED_CLAIMS.has(k)) continue;
    if (k.startsWith('https://stytch.com/')) throw new ApiError('stytch_claims_in_custom_claims');
    if (v === null) delete next[k];
    else next[k] = v;
  }
  if (jsonDepth(next, MAX_DEPTH) > MAX_DEPTH) throw new ApiError('unable_to_represent_custom_claims_json', 'session_custom_claims is nested too deeply.');
  if (new TextEncoder().encode(JSON.stringify(next)).length > CUSTOM_CLAIMS_MAX_BYTES) throw new ApiError('custom_claims_too_large');
  return next;
}
