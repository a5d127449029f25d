/**
 * Tessera's own password hashes: argon2id in PHC form, computed by `@node-rs/argon2`'s synchronous API.
 * Synchronous on purpose: these functions run only inside a password worker (`pool/worker.ts`), on that
 * worker's own thread; the async API would queue the work on libuv's threadpool, which is process-wide
 * and is where JWT signing runs. Never call them from the main thread: go through `PasswordPool`.
 *
 * Parameters follow the OWASP Password Storage Cheat Sheet, whose first argon2id option is "a minimum
 * configuration of 19 MiB of memory, an iteration count of 2, and 1 degree of parallelism". On the 2-core
 * development box one hash takes ~20-25 ms of one worker, inside the ~100 ms budget for a login. p=1 keeps
 * one login on one thread; the 32-byte output and
 * 16-byte random salt are the library defaults (RFC 9106's recommendations).
 *
 * @module
 */
import { hashSync, parseOptions, verifySync } from '@node-rs/argon2';
import type { Algorithm, Options, Version } from '@node-rs/argon2';
import { utf8ByteLength } from './internal/encoding.js';
import {
  ARGON2_MAX_MEMORY_KIB,
  ARGON2_MAX_PARALLELISM,
  ARGON2_MAX_TIME,
  ARGON2_MAX_WORK_KIB,
  MAX_PASSWORD_BYTES,
  MAX_STORED_LENGTH,
} from './internal/limits.js';

/** The current parameters. Raising any of them makes older hashes report `needsRehash` on login. */
export const ARGON2ID_PARAMS = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32, saltLen: 16 });

// `@node-rs/argon2` declares these as ambient const enums, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm;
const V0X13 = 1 as Version;

const OPTIONS: Options = {
  algorithm: ARGON2ID,
  version: V0X13,
  memoryCost: ARGON2ID_PARAMS.memoryCost,
  timeCost: ARGON2ID_PARAMS.timeCost,
  parallelism: ARGON2ID_PARAMS.parallelism,
  outputLen: ARGON2ID_PARAMS.outputLen,
};

/**
 * Hashes a new password. Throws RangeError above `MAX_PASSWORD_BYTES`: such a password could never be
 * verified, and the strength check refuses it long before, so reaching this is a caller bug.
 *
 * @example
 * const stored = hashPassword(password); // "$argon2id$v=19$m=19456,t=2,p=1$..."
 */
export function hashPassword(password: string): string {
  if (utf8ByteLength(password) > MAX_PASSWORD_BYTES) throw new RangeError(`password exceeds ${MAX_PASSWORD_BYTES} bytes`);
  return hashSync(password, OPTIONS);
}

/**
 * Verifies a password against an argon2 PHC string. Never throws: malformed strings, unsupported
 * parameters and over-long input all answer false. Cost parameters are bounded before any work is done,
 * so a tampered row cannot make a login allocate gigabytes.
 */
export function verifyArgon2(phc: string, password: string): boolean {
  if (typeof phc !== 'string' || typeof password !== 'string') return false;
  if (phc.length > MAX_STORED_LENGTH || utf8ByteLength(password) > MAX_PASSWORD_BYTES) return false;
  try {
    const { memoryCost, timeCost, parallelism } = parseOptions(phc);
    if (memoryCost > ARGON2_MAX_MEMORY_KIB || timeCost > ARGON2_MAX_TIME || parallelism > ARGON2_MAX_PARALLELISM) return false;
    if (memoryCost * timeCost > ARGON2_MAX_WORK_KIB) return false;
    return verifySync(phc, password);
  } catch {
    return false;
  }
}

/**
 * True when a PHC string is weaker than `ARGON2ID_PARAMS` in any dimension (variant, version, memory,
 * passes, output or salt length), or cannot be parsed. Parallelism is not compared: argon2's memory is the
 * total over all lanes, so more lanes do not make a hash cheaper to attack.
 */
export function argon2idNeedsRehash(phc: string): boolean {
  try {
    const o = parseOptions(phc);
    return (
      o.algorithm !== ARGON2ID ||
      o.version !== V0X13 ||
      o.memoryCost < ARGON2ID_PARAMS.memoryCost ||
      o.timeCost < ARGON2ID_PARAMS.timeCost ||
      o.outputLen < ARGON2ID_PARAMS.outputLen ||
      o.saltLen < ARGON2ID_PARAMS.saltLen
    );
  } catch {
    return true;
  }
}
