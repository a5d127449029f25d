/**
 * phpass portable hashes (`hash_type: "phpass"`): `$P$` (WordPress and most phpass users) and `$H$` (phpBB 3), which
 * differ only in the prefix. Layout: `$P$` + one itoa64 character giving log2 of the round count + an
 * 8-character salt + 22 characters of MD5 output, 34 in all. The algorithm (phpass 0.3 `crypt_private`):
 *
 *   hash = md5(salt . password); repeat 2^count times: hash = md5(hash . password)
 *   output = setting[0..12] . encode64(hash, 16)
 *
 * where `encode64` is phpass's own little-endian base64 over `./0-9A-Za-z`. The rounds run in one
 * synchronous loop, in a password worker.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { equalBytes } from '../internal/constant-time.js';
import { invalid } from '../internal/invalid-hash.js';
import { PHPASS_MAX_LOG2, PHPASS_MIN_LOG2 } from '../internal/limits.js';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PHPASS = /^\$[PH]\$[./0-9A-Za-z]{31}$/;

/** Validates a phpass portable hash; it is already canonical, so it is stored as-is. */
export function parsePhpass(hash: string): string {
  roundsLog2(hash);
  return hash;
}

export function verifyPhpass(inner: string, password: string): boolean {
  const rounds = 2 ** roundsLog2(inner);
  const secret = Buffer.from(password, 'utf8');
  let digest = createHash('md5').update(inner.slice(4, 12)).update(secret).digest();
  for (let i = 1; i <= rounds; i++) {
    digest = createHash('md5').update(digest).update(secret).digest();
  }
  const computed = inner.slice(0, 12) + encode64(digest);
  return equalBytes(Buffer.from(computed), Buffer.from(inner));
}

function roundsLog2(hash: string): number {
  if (!PHPASS.test(hash)) invalid('hash must be a phpass portable hash: $P$ or $H$ followed by 31 characters of ./0-9A-Za-z.');
  const log2 = ITOA64.indexOf(hash.charAt(3));
  if (log2 < PHPASS_MIN_LOG2 || log2 > PHPASS_MAX_LOG2) {
    invalid(`phpass round count must be between 2^${PHPASS_MIN_LOG2} and 2^${PHPASS_MAX_LOG2}.`);
  }
  // The last of the 22 output characters carries only the top 2 bits of the 16th byte.
  if (ITOA64.indexOf(hash.charAt(33)) >= 4) invalid('phpass hash is not canonically encoded.');
  return log2;
}

/** phpass `encode64` for a 16-byte MD5 digest: 3 bytes to 4 characters, least significant bits first. */
function encode64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const value = bytes[i]! | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16);
    const chars = Math.min(4, bytes.length - i + 1);
    for (let c = 0; c < chars; c++) out += ITOA64[(value >> (6 * c)) & 0x3f];
  }
  return out;
}
