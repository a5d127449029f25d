/**
 * The password layer: hashing new passwords (argon2id), importing legacy hashes from Stytch's migrate
 * endpoint, verifying either kind, and the zxcvbn strength check. `internal/` and `migrated/` are private.
 *
 * Hashing and verification are synchronous functions that run only in the password workers: the rest of
 * the server reaches them through `PasswordPool` (`pool/password-pool.ts`).
 *
 * @module
 */
export { ARGON2ID_PARAMS } from './argon2id.js';
export { MAX_PASSWORD_BYTES } from './internal/limits.js';
export { MIGRATED_HASH_TYPES, parseMigratedHash } from './parse-migrated-hash.js';
export type { MigrateHashInput, MigratedHashType, ParseMigratedHashResult } from './parse-migrated-hash.js';
export { PasswordPool, PasswordQueueFullError, PasswordWorkerError } from './pool/password-pool.js';
export type { PasswordJobKind, PasswordPoolOptions, PasswordPoolStats } from './pool/password-pool.js';
export type { VerifyOutcome } from './pool/protocol.js';
export { MAX_PASSWORD_LENGTH, MIN_VALID_SCORE, checkPasswordStrength } from './strength.js';
export type { LudsRequirements, StrengthResult } from './strength.js';
