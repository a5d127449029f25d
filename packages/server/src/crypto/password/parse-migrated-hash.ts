/**
 * `parseMigratedHash(input)`: validates the `hash`, `hash_type` and `*_config` fields of
 * `POST /v1/passwords/migrate` before anything is written, and canonicalises them into one storable
 * string, so that verification later needs nothing but that string and the password.
 *
 * Configs for other hash types than `hash_type` are ignored, as extra fields would be.
 *
 * @example
 * const parsed = parseMigratedHash({ hash_type: 'md_5', hash: '5f4dcc3b5aa765d61d8327deb882cf99' });
 * if (!parsed.ok) return errorResponse(parsed.error_type, parsed.message);
 * await store.setPasswordHash(userId, parsed.stored);
 *
 * @module
 */
import { wrapMigrated } from './internal/envelope.js';
import { InvalidHashError } from './internal/invalid-hash.js';
import { MAX_HASH_INPUT_LENGTH } from './internal/limits.js';
import { parseArgon2 } from './migrated/argon2.js';
import { parseBcrypt } from './migrated/bcrypt.js';
import { parsePbkdf2 } from './migrated/pbkdf2.js';
import { parsePhpass } from './migrated/phpass.js';
import { parseSaltedDigest } from './migrated/salted-digest.js';
import { parseScrypt } from './migrated/scrypt.js';

/** The `hash_type` values of Stytch's migrate endpoint. */
export const MIGRATED_HASH_TYPES = ['bcrypt', 'md_5', 'argon_2i', 'argon_2id', 'sha_1', 'sha_512', 'scrypt', 'phpass', 'pbkdf_2'] as const;
export type MigratedHashType = (typeof MIGRATED_HASH_TYPES)[number];

/**
 * The hash fields of a migrate request. Everything is `unknown` on purpose: the body is client JSON, and
 * each field is checked here, so a typed `PasswordsMigrateRequest` and a raw parsed body both fit.
 */
export interface MigrateHashInput {
  readonly hash_type: unknown;
  readonly hash: unknown;
  readonly md_5_config?: unknown;
  readonly sha_1_config?: unknown;
  readonly sha_512_config?: unknown;
  readonly argon_2_config?: unknown;
  readonly scrypt_config?: unknown;
  readonly pbkdf_2_config?: unknown;
}

export type ParseMigratedHashResult =
  | { readonly ok: true; readonly stored: string }
  | { readonly ok: false; readonly error_type: 'invalid_hash_type' | 'invalid_password_hash'; readonly message: string };

export function parseMigratedHash(input: MigrateHashInput): ParseMigratedHashResult {
  const hashType = input.hash_type;
  if (!isMigratedHashType(hashType)) {
    return { ok: false, error_type: 'invalid_hash_type', message: `hash_type must be one of: ${MIGRATED_HASH_TYPES.join(', ')}.` };
  }
  const hash = input.hash;
  if (typeof hash !== 'string' || hash.length === 0 || hash.length > MAX_HASH_INPUT_LENGTH) {
    const message = `hash must be a non-empty string of at most ${MAX_HASH_INPUT_LENGTH} characters.`;
    return { ok: false, error_type: 'invalid_password_hash', message };
  }
  try {
    return { ok: true, stored: wrapMigrated(parseInner(hashType, hash, input)) };
  } catch (error) {
    if (error instanceof InvalidHashError) return { ok: false, error_type: 'invalid_password_hash', message: error.message };
    throw error;
  }
}

function parseInner(hashType: MigratedHashType, hash: string, input: MigrateHashInput): string {
  switch (hashType) {
    case 'bcrypt':
      return parseBcrypt(hash);
    case 'phpass':
      return parsePhpass(hash);
    case 'md_5':
      return parseSaltedDigest('md5', hash, input.md_5_config, 'md_5_config');
    case 'sha_1':
      return parseSaltedDigest('sha1', hash, input.sha_1_config, 'sha_1_config');
    case 'sha_512':
      return parseSaltedDigest('sha512', hash, input.sha_512_config, 'sha_512_config');
    case 'scrypt':
      return parseScrypt(hash, input.scrypt_config);
    case 'pbkdf_2':
      return parsePbkdf2(hash, input.pbkdf_2_config);
    case 'argon_2i':
      return parseArgon2('argon2i', hash, input.argon_2_config);
    case 'argon_2id':
      return parseArgon2('argon2id', hash, input.argon_2_config);
  }
}

function isMigratedHashType(value: unknown): value is MigratedHashType {
  return typeof value === 'string' && (MIGRATED_HASH_TYPES as readonly string[]).includes(value);
}
