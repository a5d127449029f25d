/**
 * scrypt (`hash_type: "scrypt"`). Two input forms, per Stytch's docs:
 *
 * - PHC string `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>` (RustCrypto `scrypt`, passlib), with salt
 *   and hash in base64 without padding; `scrypt_config` is then not needed ("Required parameters if the
 *   scrypt is not provided in a PHC encoded form").
 * - Raw: `hash` is the base64 derived key ("For a Scrypt or PBKDF2 hash, the hash needs to be a base64
 *   encoded string") with `scrypt_config` {salt: base64, n_parameter, r_parameter, p_parameter, key_length};
 *   the decoded key must be exactly `key_length` bytes.
 *
 * Both are stored as the PHC string. Verification uses `crypto.scryptSync`, in a password worker.
 *
 * @module
 */
import { scryptSync } from 'node:crypto';
import { intField, requiredConfig, stringField } from '../internal/config-fields.js';
import { equalBytes } from '../internal/constant-time.js';
import { decodeBase64, encodeB64 } from '../internal/encoding.js';
import { invalid } from '../internal/invalid-hash.js';
import {
  MAX_HASH_INPUT_LENGTH,
  MAX_KEY_BYTES,
  MAX_SALT_BYTES,
  MIN_KEY_BYTES,
  SCRYPT_MAX_LOG2_N,
  SCRYPT_MAX_MEMORY_BYTES,
  SCRYPT_MAX_P,
  SCRYPT_MAX_R,
  SCRYPT_MAX_WORK,
} from '../internal/limits.js';

interface ScryptParams {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const NAME = 'scrypt_config';
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([^$]+)\$([^$]+)$/;

export function parseScrypt(hash: string, rawConfig: unknown): string {
  if (hash.startsWith('$scrypt$')) return encode(decodePhc(hash));
  const config = requiredConfig(rawConfig, NAME, 'unless hash is a PHC string ($scrypt$ln=...)');
  const n = intField(config, NAME, 'n_parameter', 2, 2 ** SCRYPT_MAX_LOG2_N);
  if ((n & (n - 1)) !== 0) invalid(`${NAME}.n_parameter must be a power of two.`);
  const keyLength = intField(config, NAME, 'key_length', MIN_KEY_BYTES, MAX_KEY_BYTES);
  const params: ScryptParams = {
    log2N: Math.log2(n),
    r: intField(config, NAME, 'r_parameter', 1, SCRYPT_MAX_R),
    p: intField(config, NAME, 'p_parameter', 1, SCRYPT_MAX_P),
    salt: decodeBase64(stringField(config, NAME, 'salt', MAX_HASH_INPUT_LENGTH)) ?? invalid(`${NAME}.salt must be base64.`),
    key: decodeBase64(hash) ?? invalid('hash must be the base64-encoded scrypt key (or a $scrypt$ PHC string).'),
  };
  if (params.key.length !== keyLength) invalid(`${NAME}.key_length is ${keyLength} but the hash decodes to ${params.key.length} bytes.`);
  return encode(checked(params));
}

export function verifyScrypt(inner: string, password: string): boolean {
  const { log2N, r, p, salt, key } = decodePhc(inner);
  const N = 2 ** log2N;
  // OpenSSL needs 128*r*(N+p+2) bytes (the V and B arrays); Node's default maxmem is only 32 MiB.
  const maxmem = 128 * r * (N + p + 2) + 65_536;
  return equalBytes(scryptSync(password, salt, key.length, { N, r, p, maxmem }), key);
}

function decodePhc(text: string): ScryptParams {
  const match = PHC.exec(text) ?? invalid('scrypt PHC string must be $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>.');
  return checked({
    log2N: Number(match[1]),
    r: Number(match[2]),
    p: Number(match[3]),
    salt: decodeBase64(match[4]!) ?? invalid('scrypt PHC salt must be base64.'),
    key: decodeBase64(match[5]!) ?? invalid('scrypt PHC hash must be base64.'),
  });
}

function checked(params: ScryptParams): ScryptParams {
  const { log2N, r, p, salt, key } = params;
  if (log2N < 1 || log2N > SCRYPT_MAX_LOG2_N) invalid(`scrypt N must be a power of two between 2 and 2^${SCRYPT_MAX_LOG2_N}.`);
  if (r < 1 || r > SCRYPT_MAX_R) invalid(`scrypt r must be between 1 and ${SCRYPT_MAX_R}.`);
  if (p < 1 || p > SCRYPT_MAX_P) invalid(`scrypt p must be between 1 and ${SCRYPT_MAX_P}.`);
  if (128 * 2 ** log2N * r > SCRYPT_MAX_MEMORY_BYTES) invalid('scrypt memory (128*N*r bytes) must be at most 256 MiB.');
  if (2 ** log2N * r * p > SCRYPT_MAX_WORK) invalid(`scrypt work (N*r*p) must be at most 2^${Math.log2(SCRYPT_MAX_WORK)}.`);
  if (salt.length < 1 || salt.length > MAX_SALT_BYTES) invalid(`scrypt salt must be 1 to ${MAX_SALT_BYTES} bytes.`);
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) invalid(`scrypt key must be ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes.`);
  return params;
}

function encode({ log2N, r, p, salt, key }: ScryptParams): string {
  return `$scrypt$ln=${log2N},r=${r},p=${p}$${encodeB64(salt)}$${encodeB64(key)}`;
}
