/**
 * Every size and cost bound of the password layer, in one place so the DoS policy can be reviewed at a
 * glance. Migrated hashes carry their own cost parameters, and verifying one costs whatever those say, on
 * every login attempt, for an attacker as much as for the user; so the bounds apply when a hash is
 * migrated *and* again when a stored hash is verified (a row edited in the database gets no exemption).
 *
 * The cost caps follow one rule: **the most expensive setting a real system ships as its default (or
 * documents), with a little headroom, and never more than about one second of one password worker** on the
 * 2-core development box (Node 20), where the timings below were taken. A hash over a cap is refused by the
 * migrate endpoint (`invalid_password_hash`) rather than accepted and left to burn seconds per login. All
 * hashing runs in the password worker pool (`pool/`), synchronously, one job per worker at a time.
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
 * bcrypt runs in pure JavaScript (bcryptjs): cost 10 takes ~110 ms here and each +1 doubles it (12: ~440 ms,
 * 13: ~0.9 s, 14: ~1.8 s). Defaults in the wild: PHP `password_hash` 10 (12 from PHP 8.4), Spring Security
 * 10, Laravel 12 (since 10.x/11), Devise 12, Rails `has_secure_password` (bcrypt-ruby) 12, Django
 * BCryptSHA256 12; Symfony's `auto` hasher uses 13, the highest common default. The cap is 13.
 */
export const BCRYPT_MIN_COST = 4;
export const BCRYPT_MAX_COST = 13;

/**
 * phpass: 2^count MD5 rounds driven from JavaScript (~3.5-4.5 µs each here). phpass writes
 * 2^(n+5) for `new PasswordHash(n, true)`: WordPress's n=8 gives 2^13 (`$P$B`), phpBB's 2^11 (`$H$9`);
 * phpass itself accepts 2^7..2^30. The cap, 2^16 (n=11; ~0.3 s), covers the settings applications
 * actually use.
 */
export const PHPASS_MIN_LOG2 = 7;
export const PHPASS_MAX_LOG2 = 16;

/**
 * scrypt: Stytch documents N as a power of two, 2 <= N <= 262144 (2^18). Memory is 128*N*r bytes, capped
 * at 256 MiB (N=2^18, r=8 is exactly that; ~1.1 s here, 2^17: ~0.6 s); CPU is N*r*p, capped at 2^21 so p
 * cannot multiply the worst case. Defaults in the wild are far below: the scrypt paper's interactive
 * setting and Django's `ScryptPasswordHasher` are N=2^14, r=8, p=1 (16 MiB); Go's x/crypto docs suggest
 * N=2^15.
 */
export const SCRYPT_MAX_LOG2_N = 18;
export const SCRYPT_MAX_R = 32;
export const SCRYPT_MAX_P = 16;
export const SCRYPT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;
export const SCRYPT_MAX_WORK = 2 ** 21;

/**
 * PBKDF2: the work is iterations x blocks, where blocks = ceil(key_length / digest length) (each 32-byte
 * block of a SHA-256 key is a full run of the iterations), so the caps bound that product, per digest.
 * Here 1M SHA-256 iterations take ~0.58 s and 1M SHA-512 ~1.25 s.
 *
 * Defaults in the wild: Django's PBKDF2-SHA256 1,000,000 (5.2) and 1,200,000 (6.0), rising ~20% per
 * release; OWASP's Password Storage Cheat Sheet 600,000 for SHA-256 and 210,000 for SHA-512 (Keycloak's
 * PBKDF2 providers follow it); Bitwarden's client KDF 600,000 SHA-256. The caps, 2,000,000
 * SHA-256 (~1.2 s; room for Django's next releases) and 1,000,000 SHA-512 (~1.25 s), replace a flat
 * 10,000,000 that let one login burn ~6 s (and 16x that with a 512-byte key).
 */
export const PBKDF2_MAX_WORK: Readonly<Record<'sha256' | 'sha512', number>> = Object.freeze({ sha256: 2_000_000, sha512: 1_000_000 });

/**
 * argon2 (migrated argon2i/argon2id, and a sanity bound on our own): memory <= 256 MiB, passes <= 16,
 * memory x passes <= 2^20 KiB (256 MiB x 4 passes is ~0.9 s here), lanes <= 16. Defaults in the wild:
 * OWASP 19 MiB x 2 (ours), RFC 9106's second recommendation and Bitwarden 64 MiB x 3 x 4 lanes, PHP
 * `PASSWORD_ARGON2ID` 64 MiB x 4, libsodium's MODERATE 256 MiB x 3, which is the largest that fits. (RFC
 * 9106's first recommendation, 2 GiB x 1, is meant for dedicated hardware, not a shared login server.)
 */
export const ARGON2_MAX_MEMORY_KIB = 262_144;
export const ARGON2_MAX_TIME = 16;
export const ARGON2_MAX_WORK_KIB = 1_048_576;
export const ARGON2_MAX_PARALLELISM = 16;
/** RFC 9106 §3.1: the salt must be at least 8 bytes. */
export const ARGON2_MIN_SALT_BYTES = 8;
