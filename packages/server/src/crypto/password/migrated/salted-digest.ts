/**
 * Single salted digests: `md_5`, `sha_1`, `sha_512`. The password is hashed once as
 * `digest(prepend_salt ‖ password ‖ append_salt)`, everything as UTF-8, and both salts are optional
 * (Stytch: "Optional parameters for MD-5 hash types"; an absent config means no salt).
 *
 * Encoding of `hash`: Stytch documents it only for scrypt and PBKDF2 (base64), so we accept both common
 * spellings of a digest, lowercase/uppercase hex and base64 (standard or URL-safe, padded or not), and
 * tell them apart by length (see `decodeDigest`). The salts are literal strings, not encoded bytes, as the
 * field descriptions say ("the salt that should be prepended to the migrated password").
 *
 * Stored as `$md5$pre=<B64>,app=<B64>$<hex digest>` (B64 of the UTF-8 salts, so `$` and `,` in a salt
 * cannot break the format).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { optionalConfig, stringField } from '../internal/config-fields.js';
import { equalBytes } from '../internal/constant-time.js';
import { decodeBase64, decodeDigest, decodeHex, encodeB64 } from '../internal/encoding.js';
import { invalid } from '../internal/invalid-hash.js';
import { MAX_SALT_BYTES } from '../internal/limits.js';

export type DigestId = 'md5' | 'sha1' | 'sha512';

const DIGEST_BYTES: Readonly<Record<DigestId, number>> = { md5: 16, sha1: 20, sha512: 64 };
const STORED = /^\$(md5|sha1|sha512)\$pre=([A-Za-z0-9+/]*),app=([A-Za-z0-9+/]*)\$([0-9a-f]+)$/;

export function parseSaltedDigest(id: DigestId, hash: string, rawConfig: unknown, configName: string): string {
  const config = optionalConfig(rawConfig, configName);
  const prepend = config === undefined ? '' : stringField(config, configName, 'prepend_salt', MAX_SALT_BYTES);
  const append = config === undefined ? '' : stringField(config, configName, 'append_salt', MAX_SALT_BYTES);
  const bytes = DIGEST_BYTES[id];
  const digest = decodeDigest(hash, bytes) ?? invalid(`hash must be the ${bytes}-byte ${id} digest, hex or base64 encoded.`);
  const pre = encodeB64(Buffer.from(prepend, 'utf8'));
  const app = encodeB64(Buffer.from(append, 'utf8'));
  return `$${id}$pre=${pre},app=${app}$${digest.toString('hex')}`;
}

export function verifySaltedDigest(inner: string, password: string): boolean {
  const match = STORED.exec(inner) ?? invalid('malformed stored digest');
  const id = match[1] as DigestId;
  const prepend = decodeBase64(match[2]!) ?? invalid('malformed stored salt');
  const append = decodeBase64(match[3]!) ?? invalid('malformed stored salt');
  const expected = decodeHex(match[4]!) ?? invalid('malformed stored digest');
  if (expected.length !== DIGEST_BYTES[id]) invalid('malformed stored digest');
  const actual = createHash(id).update(prepend).update(password, 'utf8').update(append).digest();
  return equalBytes(actual, expected);
}
