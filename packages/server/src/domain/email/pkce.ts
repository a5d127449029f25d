import crypto from 'node:crypto';
import { ApiError } from '../errors.js';
import { digestsEqual } from '../../crypto/session-token.js';

/** PKCE S256 (RFC 7636): base64url(SHA-256(verifier)), unpadded. */
export function pkceChallengeOf(verifier: string): string {
  return crypto.createHash('sha256').update(verifier).digest('base64url');
}

/** A challenge as stored: Stytch accepts it with or without `=` padding [UNVERIFIED]; the pad is dropped. */
export const normalizeChallenge = (challenge: string | undefined): string | null => (challenge ? challenge.replace(/=+$/, '') : null);

/**
 * The PKCE rule of every flow that took a `code_challenge` (magic links, password reset): a flow started
 * with one needs the matching verifier; one started without one must not get a verifier.
 */
export function checkPkce(challenge: string | null, verifier: string | undefined): void {
  if (challenge === null) {
    if (verifier) throw new ApiError('pkce_did_not_expect_code_verifier');
    return;
  }
  if (!verifier) throw new ApiError('pkce_expected_code_verifier');
  if (!digestsEqual(pkceChallengeOf(verifier), challenge)) throw new ApiError('pkce_mismatch');
}
