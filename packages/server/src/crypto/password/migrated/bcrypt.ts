/**
 * bcrypt (`hash_type: "bcrypt"`), verified with bcryptjs.
 *
 * Prefixes: `$2a$` (OpenBSD 1997), `$2b$` (OpenBSD 2014, fixes a wrap-around for passwords over 255
 * bytes) and `$2y$` (PHP's crypt_blowfish, after fixing its sign-extension bug) all mean the same
 * algorithm for every password we accept, and bcryptjs treats them alike. `$2x$` (the buggy
 * crypt_blowfish output, kept only for compatibility) and bare `$2$` cannot be reproduced and are refused.
 *
 * The 72-byte limit: bcrypt only ever looks at the first 72 bytes of the UTF-8 password. Verification
 * keeps that truncation on purpose, since it is exactly what the legacy system accepted; the hash is then
 * replaced by argon2id over the full password on the first successful login (`needsRehash`), which ends
 * the truncation for that user.
 *
 * @module
 */
import { compareSync } from 'bcryptjs';
import { BCRYPT_MAX_COST, BCRYPT_MIN_COST } from '../internal/limits.js';
import { invalid } from '../internal/invalid-hash.js';

const BCRYPT = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;
const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Validates a bcrypt string; it is already canonical, so it is stored as-is. */
export function parseBcrypt(hash: string): string {
  const match = BCRYPT.exec(hash) ?? invalid('hash must be a bcrypt string: $2a$, $2b$ or $2y$, a 2-digit cost, then 53 characters.');
  const cost = Number(match[1]);
  if (cost < BCRYPT_MIN_COST || cost > BCRYPT_MAX_COST) invalid(`bcrypt cost must be between ${BCRYPT_MIN_COST} and ${BCRYPT_MAX_COST}.`);
  // 22 characters carry 132 bits for a 128-bit salt and 31 carry 186 for a 184-bit hash. bcryptjs re-encodes
  // both and compares whole strings, so a non-zero spare bit would make the hash unverifiable forever.
  if (ALPHABET.indexOf(hash.charAt(28)) % 16 !== 0) invalid('bcrypt salt is not canonically encoded.');
  if (ALPHABET.indexOf(hash.charAt(59)) % 4 !== 0) invalid('bcrypt hash is not canonically encoded.');
  return hash;
}

export function verifyBcrypt(inner: string, password: string): boolean {
  // bcryptjs compares the strings in constant time; synchronous, in a password worker.
  return compareSync(password, parseBcrypt(inner));
}
