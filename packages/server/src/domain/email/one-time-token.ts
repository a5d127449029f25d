/**
 * One-time secrets sent by email: magic link and reset tokens (44 characters like Stytch's,
 * `DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=`: 32 random bytes in base64url with its `=` pad) and
 * 6-digit OTP codes. The store keeps only an HMAC under the project's token key (derived from the master
 * key, which is not in the database), so neither can be used, or a code brute-forced, from a stolen
 * database; lookups compare HMACs in constant time.
 *
 * @module
 */
import crypto from 'node:crypto';
import type { ProjectContext } from '../context.js';
import type { OneTimePurpose } from '../../store/email-stores.js';
import { digestsEqual } from '../../crypto/session-token.js';

export function newOneTimeToken(): string {
  return crypto.randomBytes(32).toString('base64url') + '=';
}

/** Six uniformly random digits (leading zeros kept). */
export function newOtpCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A fresh id for a stored token (not secret). */
export const newTokenId = (): string => crypto.randomUUID();

/**
 * HMAC-SHA256 of `secret` for `purpose` (and, for codes, the method it was sent to: the same 6 digits
 * sent to two addresses must not be interchangeable).
 */
export function oneTimeTokenHash(ctx: Pick<ProjectContext, 'tokenKey'>, purpose: OneTimePurpose, secret: string, methodId = ''): string {
  return crypto.createHmac('sha256', ctx.tokenKey).update(`tessera/one-time/${purpose}\0${methodId}\0${secret}`).digest('base64url');
}

/** Constant-time equality of two hashes from {@link oneTimeTokenHash}. */
export const sameTokenHash = digestsEqual;

