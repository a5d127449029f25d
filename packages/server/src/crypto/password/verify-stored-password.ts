/**
 * `verifyStoredPassword(stored, password)`: checks a password against whatever the user row holds, our
 * own argon2id PHC string or a migrated hash (`$tessera-migrated$...`, from `parseMigratedHash`).
 *
 * `needsRehash` tells the caller to replace the stored value with `hashPassword(password)` now, while it
 * has the plaintext: always after a migrated hash matched (the user then leaves the legacy scheme for
 * good), and for our own hashes only when their parameters are below the current ones. It is false
 * whenever `ok` is false.
 *
 * Never throws: an unknown or malformed stored value, or a password over `MAX_PASSWORD_BYTES`, is
 * `ok: false`. All digest comparisons are constant-time. Everything here is synchronous and runs only in a
 * password worker (`pool/`): callers use `PasswordPool.verify`, which also does the rehash in the same job.
 *
 * @example
 * const { ok, needsRehash } = verifyStoredPassword(user.password_hash, password);
 * if (ok && needsRehash) upgraded = hashPassword(password);
 *
 * @module
 */
import { argon2idNeedsRehash, verifyArgon2 } from './argon2id.js';
import { utf8ByteLength } from './internal/encoding.js';
import { unwrapMigrated } from './internal/envelope.js';
import { MAX_PASSWORD_BYTES, MAX_STORED_LENGTH } from './internal/limits.js';
import { verifyMigrated } from './migrated/verify-migrated.js';

export interface VerifyStoredPasswordResult {
  readonly ok: boolean;
  readonly needsRehash: boolean;
}

export function verifyStoredPassword(stored: string, password: string): VerifyStoredPasswordResult {
  if (typeof stored !== 'string' || typeof password !== 'string') return rejected();
  if (stored.length > MAX_STORED_LENGTH || utf8ByteLength(password) > MAX_PASSWORD_BYTES) return rejected();
  try {
    if (stored.startsWith('$argon2id$')) {
      const ok = verifyArgon2(stored, password);
      return { ok, needsRehash: ok && argon2idNeedsRehash(stored) };
    }
    const inner = unwrapMigrated(stored);
    if (inner === null) return rejected();
    const ok = verifyMigrated(inner, password);
    return { ok, needsRehash: ok };
  } catch {
    // InvalidHashError from a malformed migrated value, or a KDF refusing its parameters.
    return rejected();
  }
}

function rejected(): VerifyStoredPasswordResult {
  return { ok: false, needsRehash: false };
}
