/**
 * Dispatches a migrated hash's inner string (see `internal/envelope.ts`) to its scheme by the first field.
 * Each verifier re-validates the string with the same bounds as at migration time and throws
 * `InvalidHashError` on anything malformed; `verifyStoredPassword` turns that into `ok: false`.
 *
 * @module
 */
import { schemeId } from '../internal/envelope.js';
import { verifyArgon2Migrated } from './argon2.js';
import { verifyBcrypt } from './bcrypt.js';
import { verifyPbkdf2 } from './pbkdf2.js';
import { verifyPhpass } from './phpass.js';
import { verifySaltedDigest } from './salted-digest.js';
import { verifyScrypt } from './scrypt.js';

export function verifyMigrated(inner: string, password: string): boolean {
  switch (schemeId(inner)) {
    case '2a':
    case '2b':
    case '2y':
      return verifyBcrypt(inner, password);
    case 'P':
    case 'H':
      return verifyPhpass(inner, password);
    case 'md5':
    case 'sha1':
    case 'sha512':
      return verifySaltedDigest(inner, password);
    case 'scrypt':
      return verifyScrypt(inner, password);
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return verifyPbkdf2(inner, password);
    case 'argon2i':
    case 'argon2id':
      return verifyArgon2Migrated(inner, password);
    default:
      return false;
  }
}
