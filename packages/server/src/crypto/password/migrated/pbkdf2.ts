/**
 * PBKDF2-HMAC (`hash_type: "pbkdf_2"`). `hash` is the base64 derived key ("For a Scrypt or PBKDF2 hash,
 * the hash needs to be a base64 encoded string") and `pbkdf_2_config` is required: {salt: base64,
 * iteration_amount, key_length, algorithm: "sha256" | "sha512"}. `algorithm` "defaults to sha256", so an
 * absent, null or empty value means SHA-256. The decoded key must be exactly `key_length` bytes.
 *
 * Stored as `$pbkdf2-<digest>$i=<iterations>$<salt B64>$<key B64>`. Verification uses `crypto.pbkdf2Sync`,
 * in a password worker (the async form would occupy a thread of libuv's pool, where JWT signing runs).
 *
 * @module
 */
import { pbkdf2Sync } from 'node:crypto';
import { intField, requiredConfig, stringField } from '../internal/config-fields.js';
import { equalBytes } from '../internal/constant-time.js';
import { decodeBase64, encodeB64 } from '../internal/encoding.js';
import { invalid } from '../internal/invalid-hash.js';
import { MAX_HASH_INPUT_LENGTH, MAX_KEY_BYTES, MAX_SALT_BYTES, MIN_KEY_BYTES, PBKDF2_MAX_WORK } from '../internal/limits.js';

type Digest = 'sha256' | 'sha512';

const DIGEST_BYTES: Readonly<Record<Digest, number>> = { sha256: 32, sha512: 64 };

interface Pbkdf2Params {
  readonly digest: Digest;
  readonly iterations: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const NAME = 'pbkdf_2_config';
const STORED = /^\$pbkdf2-(sha256|sha512)\$i=(\d{1,8})\$([^$]+)\$([^$]+)$/;

export function parsePbkdf2(hash: string, rawConfig: unknown): string {
  const config = requiredConfig(rawConfig, NAME, 'for pbkdf_2');
  const keyLength = intField(config, NAME, 'key_length', MIN_KEY_BYTES, MAX_KEY_BYTES);
  const digest = readDigest(config['algorithm']);
  const params: Pbkdf2Params = {
    digest,
    iterations: intField(config, NAME, 'iteration_amount', 1, PBKDF2_MAX_WORK[digest]),
    salt: decodeBase64(stringField(config, NAME, 'salt', MAX_HASH_INPUT_LENGTH)) ?? invalid(`${NAME}.salt must be base64.`),
    key: decodeBase64(hash) ?? invalid('hash must be the base64-encoded PBKDF2 key.'),
  };
  if (params.key.length !== keyLength) invalid(`${NAME}.key_length is ${keyLength} but the hash decodes to ${params.key.length} bytes.`);
  return encode(checked(params));
}

export function verifyPbkdf2(inner: string, password: string): boolean {
  const { digest, iterations, salt, key } = decode(inner);
  return equalBytes(pbkdf2Sync(password, salt, iterations, key.length, digest), key);
}

function readDigest(value: unknown): Digest {
  if (value === undefined || value === null || value === '') return 'sha256';
  if (value === 'sha256' || value === 'sha512') return value;
  return invalid(`${NAME}.algorithm must be "sha256" or "sha512".`);
}

function decode(inner: string): Pbkdf2Params {
  const match = STORED.exec(inner) ?? invalid('malformed stored pbkdf2 hash');
  return checked({
    digest: match[1] as Digest,
    iterations: Number(match[2]),
    salt: decodeBase64(match[3]!) ?? invalid('malformed stored pbkdf2 salt'),
    key: decodeBase64(match[4]!) ?? invalid('malformed stored pbkdf2 key'),
  });
}

function checked(params: Pbkdf2Params): Pbkdf2Params {
  const { digest, iterations, salt, key } = params;
  const max = PBKDF2_MAX_WORK[digest];
  if (iterations < 1 || iterations > max) invalid(`pbkdf2 iterations must be between 1 and ${max} for ${digest}.`);
  if (salt.length < 1 || salt.length > MAX_SALT_BYTES) invalid(`pbkdf2 salt must be 1 to ${MAX_SALT_BYTES} bytes.`);
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) invalid(`pbkdf2 key must be ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes.`);
  // Each digest-sized block of the key is a full run of the iterations.
  const blocks = Math.ceil(key.length / DIGEST_BYTES[digest]);
  if (iterations * blocks > max) {
    invalid(`pbkdf2 iterations x ${DIGEST_BYTES[digest]}-byte blocks of key must be at most ${max} for ${digest}.`);
  }
  return params;
}

function encode({ digest, iterations, salt, key }: Pbkdf2Params): string {
  return `$pbkdf2-${digest}$i=${iterations}$${encodeB64(salt)}$${encodeB64(key)}`;
}
