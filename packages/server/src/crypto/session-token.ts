/**
 * Session tokens are derived, never stored (docs/architecture.md, "Data and security model"):
 *
 *   session_token = base64url(first 33 bytes of HMAC-SHA512(token_key, session_id ‖ salt))   (44 chars)
 *
 * with a random per-session salt in the row and `token_key = HKDF(master, "tessera/session-token/v1/<project>")`.
 * The row keeps only SHA-256(token) for lookup, so a dump of the database cannot be replayed, yet the
 * server can answer a JWT-based authenticate with the opaque token, as Stytch does.
 *
 * @module
 */
import crypto from 'node:crypto';
import { deriveKey, type MasterKey } from './master-key.js';

export function sessionTokenKey(master: MasterKey, projectId: string): Buffer {
  return deriveKey(master, `tessera/session-token/v1/${projectId}`, 64);
}

export function newTokenSalt(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function deriveSessionToken(tokenKey: Buffer, sessionId: string, salt: string): string {
  return crypto.createHmac('sha512', tokenKey).update(sessionId).update('\0').update(salt).digest().subarray(0, 33).toString('base64url');
}

/**
 * base64url SHA-256: the lookup key for session tokens and project secrets. One-shot `crypto.hash` (Node
 * 20.12+): half the time of `createHash().update().digest()` and no native Hash object for the GC to finalise.
 */
export function sha256(text: string): string {
  return crypto.hash('sha256', text, 'base64url');
}

/** Constant-time equality of two base64url digests. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
