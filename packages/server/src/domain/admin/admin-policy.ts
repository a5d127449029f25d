/**
 * The admin console's security settings. Stricter than a project's users: an operator account reaches every
 * project's data.
 *
 * @module
 */
export const ADMIN_POLICY = Object.freeze({
  /** 5 wrong passwords within 15 minutes lock the account for 15 minutes. */
  lockout: Object.freeze({ threshold: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }),
  /** A console session ends after 30 minutes without a request... */
  sessionIdleMs: 30 * 60_000,
  /** ...and 12 hours after sign-in whatever happens. */
  sessionMaxMs: 12 * 3_600_000,
  /** Sign-in attempts one client address may make per window (any account, known or not). */
  signInsPerAddress: Object.freeze({ limit: 20, windowMs: 10 * 60_000 }),
  /** An operator's password: at least this many characters. */
  minPasswordLength: 12,
});

/** Usernames: letters, digits, `.`, `_`, `-` and `@`, 1 to 64 characters (an email address fits). */
export const ADMIN_USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
