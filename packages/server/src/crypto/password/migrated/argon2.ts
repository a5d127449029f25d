/**
 * Migrated argon2 (`hash_type: "argon_2i"` / `"argon_2id"`). Stytch accepts two forms ("Required
 * parameters if the argon2 hex form, as opposed to the encoded form, is supplied"), the two outputs of the
 * reference `argon2` CLI ("Hash:" and "Encoded:"):
 *
 * - Encoded: a PHC string `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>` (no `v=` means
 *   version 0x10), salt and hash in base64 without padding. Its variant must match `hash_type`.
 * - Hex: `hash` is the raw output in hex and `argon_2_config` {salt, iteration_amount, memory (KiB),
 *   threads, key_length} is required. Stytch only says "The salt value"; we take it as the literal UTF-8
 *   string, which is what the reference CLI hashes (`argon2 somesalt`) and what makes the reference test
 *   vectors come out; version 0x13 (the current one) is assumed.
 *
 * Both are stored as a PHC string and verified by recomputing with `hashRawSync` (in a password worker)
 * and comparing in constant time. The parameters come from this module's own parser, the one
 * that applied the bounds, rather than from a second parser inside `verify` that might read the string
 * differently (for instance, which version a missing `v=` means).
 *
 * @module
 */
import { hashRawSync } from '@node-rs/argon2';
import type { Algorithm, Version } from '@node-rs/argon2';
import { intField, requiredConfig, stringField } from '../internal/config-fields.js';
import { equalBytes } from '../internal/constant-time.js';
import { decodeBase64, decodeHex, encodeB64 } from '../internal/encoding.js';
import { invalid } from '../internal/invalid-hash.js';
import {
  ARGON2_MAX_MEMORY_KIB,
  ARGON2_MAX_PARALLELISM,
  ARGON2_MAX_TIME,
  ARGON2_MAX_WORK_KIB,
  ARGON2_MIN_SALT_BYTES,
  MAX_KEY_BYTES,
  MAX_SALT_BYTES,
  MIN_KEY_BYTES,
} from '../internal/limits.js';

export type Argon2Variant = 'argon2i' | 'argon2id';

interface Argon2Params {
  readonly variant: Argon2Variant;
  readonly version: 16 | 19;
  readonly memory: number;
  readonly time: number;
  readonly parallelism: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const NAME = 'argon_2_config';
const PHC = /^\$(argon2i|argon2id)\$(?:v=(16|19)\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$([^$]+)\$([^$]+)$/;
// `@node-rs/argon2` declares these as ambient const enums, which isolatedModules cannot inline.
const ALGORITHM: Readonly<Record<Argon2Variant, Algorithm>> = { argon2i: 1 as Algorithm, argon2id: 2 as Algorithm };
const VERSION: Readonly<Record<16 | 19, Version>> = { 16: 0 as Version, 19: 1 as Version };

export function parseArgon2(variant: Argon2Variant, hash: string, rawConfig: unknown): string {
  if (hash.startsWith('$argon2')) {
    const params = decodePhc(hash);
    if (params.variant !== variant) invalid(`hash is an ${params.variant} string but hash_type names ${variant}.`);
    return encode(params);
  }
  const config = requiredConfig(rawConfig, NAME, 'unless hash is an encoded $argon2 string');
  const keyLength = intField(config, NAME, 'key_length', MIN_KEY_BYTES, MAX_KEY_BYTES);
  const params: Argon2Params = {
    variant,
    version: 19,
    memory: intField(config, NAME, 'memory', 8, ARGON2_MAX_MEMORY_KIB),
    time: intField(config, NAME, 'iteration_amount', 1, ARGON2_MAX_TIME),
    parallelism: intField(config, NAME, 'threads', 1, ARGON2_MAX_PARALLELISM),
    salt: Buffer.from(stringField(config, NAME, 'salt', MAX_SALT_BYTES), 'utf8'),
    key: decodeHex(hash) ?? invalid('hash must be the hex-encoded argon2 output (or an encoded $argon2 string).'),
  };
  if (params.key.length !== keyLength) invalid(`${NAME}.key_length is ${keyLength} but the hash decodes to ${params.key.length} bytes.`);
  return encode(checked(params));
}

export function verifyArgon2Migrated(inner: string, password: string): boolean {
  const { variant, version, memory, time, parallelism, salt, key } = decodePhc(inner);
  const derived = hashRawSync(password, {
    algorithm: ALGORITHM[variant],
    version: VERSION[version],
    memoryCost: memory,
    timeCost: time,
    parallelism,
    outputLen: key.length,
    salt,
  });
  return equalBytes(derived, key);
}

function decodePhc(text: string): Argon2Params {
  const match = PHC.exec(text) ?? invalid('argon2 encoded hash must be $argon2i|argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>.');
  return checked({
    variant: match[1] as Argon2Variant,
    version: match[2] === '16' || match[2] === undefined ? 16 : 19,
    memory: Number(match[3]),
    time: Number(match[4]),
    parallelism: Number(match[5]),
    salt: decodeBase64(match[6]!) ?? invalid('argon2 salt must be base64.'),
    key: decodeBase64(match[7]!) ?? invalid('argon2 hash must be base64.'),
  });
}

function checked(params: Argon2Params): Argon2Params {
  const { memory, time, parallelism, salt, key } = params;
  if (parallelism < 1 || parallelism > ARGON2_MAX_PARALLELISM) {
    invalid(`argon2 parallelism must be between 1 and ${ARGON2_MAX_PARALLELISM}.`);
  }
  // RFC 9106 §3.1: at least 8 KiB per lane.
  if (memory < 8 * parallelism || memory > ARGON2_MAX_MEMORY_KIB) {
    invalid(`argon2 memory must be between 8*parallelism and ${ARGON2_MAX_MEMORY_KIB} KiB.`);
  }
  if (time < 1 || time > ARGON2_MAX_TIME) invalid(`argon2 iterations must be between 1 and ${ARGON2_MAX_TIME}.`);
  if (memory * time > ARGON2_MAX_WORK_KIB) invalid(`argon2 memory x iterations must be at most ${ARGON2_MAX_WORK_KIB} KiB.`);
  if (salt.length < ARGON2_MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
    invalid(`argon2 salt must be ${ARGON2_MIN_SALT_BYTES} to ${MAX_SALT_BYTES} bytes.`);
  }
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) invalid(`argon2 hash must be ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes.`);
  return params;
}

function encode({ variant, version, memory, time, parallelism, salt, key }: Argon2Params): string {
  return `$${variant}$v=${version}$m=${memory},t=${time},p=${parallelism}$${encodeB64(salt)}$${encodeB64(key)}`;
}
