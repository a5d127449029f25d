/**
 * Semantic checks on already type-checked input (the HTTP schemas ensure types). Each failure is an
 * ApiError with the Stytch error type a client can branch on.
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';
import { ApiError } from './errors.js';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** Lower-cases and checks an email address; Tessera treats addresses case-insensitively, as Stytch does. */
export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e)) throw new ApiError('invalid_email');
  return e;
}

export function normalizePhone(phone: string): string {
  const p = phone.replace(/[\s().-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(p)) throw new ApiError('invalid_phone_number');
  return p;
}

export function checkExternalId(id: string): string {
  if (!/^[A-Za-z0-9._|-]{1,128}$/.test(id)) throw new ApiError('invalid_external_id');
  return id;
}

export const SESSION_DURATION_MIN = 5;
export const SESSION_DURATION_MAX = 527_040; // 366 days

export function checkSessionDuration(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < SESSION_DURATION_MIN || minutes > SESSION_DURATION_MAX) {
    throw new ApiError('invalid_session_duration_minutes');
  }
  return minutes;
}

/** JSON nesting depth of a value (a scalar is 0). Iterative, so hostile input cannot overflow the stack. */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}

export const METADATA_MAX_BYTES = 4096;
export const METADATA_MAX_KEYS = 20;
const METADATA_MAX_DEPTH = 10;

/** Stytch's metadata rules: an object of at most 20 top-level keys and 4 KB. */
export function checkMetadata(value: JsonObject, field: string): JsonObject {
  if (Object.keys(value).length > METADATA_MAX_KEYS) throw new ApiError('invalid_metadata', `${field} may have at most ${METADATA_MAX_KEYS} top-level keys.`);
  if (jsonDepth(value, METADATA_MAX_DEPTH) > METADATA_MAX_DEPTH) throw new ApiError('invalid_metadata', `${field} is nested too deeply.`);
  if (new TextEncoder().encode(JSON.stringify(value)).length > METADATA_MAX_BYTES) {
    throw new ApiError('invalid_metadata', `${field} cannot exceed 4KB.`);
  }
  return value;
}

/** Metadata update: merged at the top level only; a null value deletes the key (Stytch's documented behaviour). */
export function mergeMetadata(current: JsonObject, update: JsonObject, field: string): JsonObject {
  const next: JsonObject = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return checkMetadata(next, field);
}

const ROLE = /^[A-Za-z0-9_:.-]{1,64}$/;

/** Explicit role assignments; `stytch_*` roles are implicit and cannot be assigned. */
export function checkRoles(roles: string[]): string[] {
  if (roles.length > 50) throw new ApiError('invalid_roles', 'At most 50 roles may be assigned.');
  for (const r of roles) {
    if (!ROLE.test(r) || r.startsWith('stytch_')) throw new ApiError('invalid_roles', `"${r}" is not an assignable role id.`);
  }
  return [...new Set(roles)];
}

export function checkName(name: { first_name?: string; middle_name?: string; last_name?: string }) {
  for (const v of Object.values(name)) if (typeof v === 'string' && v.length > 256) throw new ApiError('invalid_argument', 'Name parts are limited to 256 characters.');
  return { first_name: name.first_name ?? '', middle_name: name.middle_name ?? '', last_name: name.last_name ?? '' };
}
