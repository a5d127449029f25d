/** @module */
import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time byte comparison. `timingSafeEqual` throws on a length mismatch; the lengths compared here
 * are fixed by the stored hash's own parameters (never by the guess), so answering false early leaks nothing.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
