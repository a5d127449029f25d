/**
 * The password layer: hashing new passwords (argon2id), importing legacy hashes from Stytch's migrate
 * endpoint, verifying either kind, and the zxcvbn strength check. `internal/` and `migrated/` are private.
 *
 * @module
 */
export { ARGON2ID_PARAMS, argon2idNeedsRehash, hashPassword, verifyArgon2 } from './argon2id.js';
export { MAX_PASSWORD_BYTES } from './internal/limits.js';
export { MIGRATED_HASH_TYPES, parseMigratedHash } from './parse-migrated-hash.js';
export type { MigrateHashInput, MigratedHashType, ParseMigratedHashResult } from './parse-migrated-hash.js';
export { MAX_PASSWORD_LENGTH, MIN_VALID_SCORE, checkPasswordStrength, preloadPasswordStrength } from './strength.js';
export type { LudsRequirements, StrengthResult } from './strength.js';
export { verifyStoredPassword } from './verify-stored-password.js';
export type { VerifyStoredPasswordResult } from './verify-stored-password.js';
