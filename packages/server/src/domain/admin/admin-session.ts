/**
 * Operator sign-in and console sessions. A session is a random 32-byte token in an HttpOnly cookie; the
 * database holds its SHA-256. Each session's CSRF token is an HMAC of the session token, so it needs no
 * storage and dies with the session.
 *
 * @module
 */
import crypto from 'node:crypto';
import { digestsEqual, sha256 } from '../../crypto/session-token.js';
import type { AdminAccountRecord, AdminSessionRecord } from '../../store/admin-stores.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';
import { attemptWithLockout } from '../passwords/verify-password-with-lockout.js';
import { ADMIN_POLICY } from './admin-policy.js';
import { ADMIN_QUEUE } from './create-admin.js';

export interface AdminSignedIn {
  /** For the cookie; never stored. */
  token: string;
  session: AdminSessionRecord;
  account: AdminAccountRecord;
}

/**
 * Checks a username and password under the account's lockout (5 wrong in 15 minutes lock it for 15). An
 * unknown username costs the same argon2id work as a wrong password. Throws ApiError
 * `unauthorized_credentials` or `user_lock_limit_reached` (also while locked, whatever the password).
 */
export async function signInAdmin(
  deps: Deps,
  input: { username: string; password: string; ip: string | null; user_agent: string | null },
): Promise<AdminSignedIn> {
  const account = await deps.stores.admins.byUsername(input.username);
  if (!account) {
    await deps.passwordPool.verifyDummy(ADMIN_QUEUE, input.password);
    throw new ApiError('unauthorized_credentials');
  }
  const scope = { clock: deps.clock, policy: { lockout: ADMIN_POLICY.lockout }, project: { project_id: ADMIN_QUEUE } };
  await attemptWithLockout(scope, deps.stores.admins, { ...account, id: account.admin_id }, async () => {
    const outcome = await deps.passwordPool.verify(ADMIN_QUEUE, account.password_hash, input.password);
    return outcome.ok;
  });
  const token = crypto.randomBytes(32).toString('base64url');
  const now = deps.clock();
  const session: AdminSessionRecord = {
    session_hash: sha256(token),
    admin_id: account.admin_id,
    created_at: now,
    last_seen_at: now,
    expires_at: now + ADMIN_POLICY.sessionMaxMs,
    ip: input.ip,
    user_agent: input.user_agent?.slice(0, 512) ?? null,
  };
  await deps.stores.admins.createSession(session);
  await deps.stores.admins.purgeSessions(now);
  return { token, session, account };
}

/** Re-mark a session as seen at most once a minute (a write per console request would be wasteful). */
const TOUCH_EVERY_MS = 60_000;

/** The signed-in operator of a cookie token, or null (unknown, idle for 30 minutes, or past 12 hours). */
export async function adminOfToken(deps: Deps, token: string | undefined): Promise<{ account: AdminAccountRecord; session: AdminSessionRecord } | null> {
  if (!token || token.length > 128) return null;
  const found = await deps.stores.admins.session(sha256(token));
  if (!found) return null;
  const now = deps.clock();
  if (now >= found.session.expires_at || now - found.session.last_seen_at >= ADMIN_POLICY.sessionIdleMs) {
    await deps.stores.admins.deleteSession(found.session.session_hash);
    return null;
  }
  if (now - found.session.last_seen_at >= TOUCH_EVERY_MS) await deps.stores.admins.touchSession(found.session.session_hash, now);
  return found;
}

export async function signOutAdmin(deps: Deps, token: string): Promise<void> {
  await deps.stores.admins.deleteSession(sha256(token));
}

/** The CSRF token of the session whose cookie holds `token`. */
export function csrfTokenOf(token: string): string {
  return crypto.createHmac('sha256', token).update('tessera admin csrf').digest('base64url');
}

/** Whether `given` is the session's CSRF token (constant time). */
export function csrfTokenMatches(token: string, given: unknown): boolean {
  return typeof given === 'string' && digestsEqual(csrfTokenOf(token), given);
}
