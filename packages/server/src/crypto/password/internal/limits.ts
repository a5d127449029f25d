/**
 * Every size and cost bound of the password layer, in one place so the DoS policy can be reviewed at a
 * glance. Migrated hashes carry their own cost parameters, and verifying one costs whatever those say, on
 * every login attempt, for an attacker as much as for the user; so the bounds apply when a hash is
 * migrated *and* again when a stored hash is verified (a row edited in the database gets no exemption).
 *
 * Timings are from the 2-core development box (Node 20); they are what the caps were sized against.
 *
 * @module
 */

/**
 * The longest password, in UTF-8 bytes, that is hashed or verified at all. New passwords are held to the
 * much shorter `MAX_PASSWORD_LENGTH` by the strength check; this bound exists for legacy ones. 4096 is
 * phpass's own limit (`CheckPassword` refuses longer input), and it bounds the iterated-MD5 work of phpass
 * (each round re-hashes the whole password).
 */
export const MAX_PASSWORD_BYTES = 4096;

/** Longest `hash` accepted by the migrate endpoint, and longest stored value we try to verify. */
export const MAX_HASH_INPUT_LENGTH = 4096;
export const MAX_STORED_LENGTH = 8192;

/** Salts: non-empty and at most 1 KiB, so a stored row stays small. */
export const MAX_SALT_BYTES = 1024;

/**
 * Raw KDF outputs (scrypt, PBKDF2, argon2 `key_length`). Below 16 bytes a random guess starts to have a
 * real chance of matching; above 512 is no legacy system we know of, only wasted work.
 */
export const MIN_KEY_BYTES = 16;
export const MAX_KEY_BYTES = 512;

/**
 * bcrypt runs in pure JavaScript (bcryptjs), on the main thread in ~100 ms slices: cost 10 takes ~130 ms
 * here and each +1 doubles it, so cost 14 is ~2 s. Real systems use 10-12; 14 leaves headroom.
 */
export const BCRYPT_MIN_COST = 4;
export const BCRYPT_MAX_COST = 14;

/**
 * phpass: 2^count MD5 rounds driven from JavaScript (~3.5-4.5 µs each here). phpass writes
 * 2^(n+5) for `new PasswordHash(n, true)`: WordPress's n=8 gives 2^13 (`$P$B`), phpBB's 2^11 (`$H$9`);
 * phpass itself accepts 2^7..2^30. The cap, 2^16 (n=11; ~0.3 s, yielding to the event loop between
 * chunks), covers the settings applications actually use.
 */
export const PHPASS_MIN_LOG2 = 7;
export const PHPASS_MAX_LOG2 = 16;

/**
 * scrypt: Stytch documents N as a power of two, 2 <= N <= 262144 (2^18). Memory is 128*N*r bytes, capped
 * at 256 MiB (N=2^18, r=8 is exactly that; ~1.1 s here); CPU is N*r*p, capped at 2^21 so p cannot
 * multiply the worst case.
 */
export const SCRYPT_MAX_LOG2_N = 18;
export const SCRYPT_MAX_R = 32;
export const SCRYPT_MAX_P = 16;
export const SCRYPT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;
export const SCRYPT_MAX_WORK = 2 ** 21;

/** PBKDF2: 1M SHA-256 iterations take ~0.5 s here, so the 10M cap is ~5 s of one threadpool thread. */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;

/**
 * argon2 (migrated argon2i/argon2id, and a sanity bound on our own): memory <= 256 MiB, passes <= 16,
 * memory x passes <= 2^20 KiB (256 MiB x 4 passes is ~1.4 s here; libsodium's MODERATE profile,
 * 256 MiB x 3, fits), lanes <= 16.
 */
export const ARGON2_MAX_MEMORY_KIB = 262_144;
export const ARGON2_MAX_TIME = 16;
export const ARGON2_MAX_WORK_KIB = 1_048_576;
export const ARGON2_MAX_PARALLELISM = 16;
/** RFC 9106 §3.1: the salt must be at least 8 bytes. */
export const ARGON2_MIN_SALT_BYTES = 8;
