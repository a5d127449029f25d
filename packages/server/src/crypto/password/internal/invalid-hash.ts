/**
 * The one exception of the migrated-hash parsers. Each parser has a dozen checks; throwing from a shared
 * `invalid()` keeps them one line each. It never crosses the public API: `parseMigratedHash` turns it into
 * an `invalid_password_hash` result and `verifyStoredPassword` into `ok: false`.
 *
 * @module
 */

export class InvalidHashError extends Error {
  override readonly name = 'InvalidHashError';
}

export function invalid(message: string): never {
  throw new InvalidHashError(message);
}
