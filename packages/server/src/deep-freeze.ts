/**
 * Freezes `value` and everything in it, for values a cache shares between requests (the RBAC policy cache,
 * the read caches of db/kysely/read-cache.ts): a caller that tried to change one would throw instead of
 * changing it for everyone. Typed arrays are left as they are (they cannot be frozen with elements).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
