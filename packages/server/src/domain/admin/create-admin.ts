/**
 * Creating an operator account (`tessera admin create`), and replacing an operator's password.
 *
 * @module
 */
import crypto from 'node:crypto';
import { MAX_PASSWORD_BYTES } from '../../crypto/password/index.js';
import type { Deps } from '../context.js';
import { ADMIN_POLICY, ADMIN_USERNAME } from './admin-policy.js';

/** The pool queue admin hashes and verifications wait in (apart from every project's). */
export const ADMIN_QUEUE = 'admin';

/** Why a username or password is refused, or null when both are fine. */
export function adminCredentialProblem(username: string, password: string): string | null {
  if (!ADMIN_USERNAME.test(username)) return 'the username takes 1 to 64 letters, digits, ".", "_", "-" or "@"';
  if ([...password].length < ADMIN_POLICY.minPasswordLength) return `the password needs at least ${ADMIN_POLICY.minPasswordLength} characters`;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return `the password is longer than ${MAX_PASSWORD_BYTES} bytes`;
  return null;
}

export class AdminCredentialError extends Error {
  override readonly name = 'AdminCredentialError';
}

/** Creates the account (argon2id hash, in the password workers); throws AdminExistsError on a taken username. */
export async function createAdmin(deps: Deps, username: string, password: string): Promise<{ admin_id: string; username: string }> {
  const problem = adminCredentialProblem(username, password);
  if (problem) throw new AdminCredentialError(problem);
  const password_hash = await deps.passwordPool.hash(ADMIN_QUEUE, password);
  const admin_id = `admin-${crypto.randomUUID()}`;
  await deps.stores.admins.create({
    admin_id,
    username,
    password_hash,
    created_at: deps.clock(),
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
  });
  return { admin_id, username };
}

/** A new password for an existing operator; ends their lock and console sessions. False: no such operator. */
export async function setAdminPassword(deps: Deps, username: string, password: string): Promise<boolean> {
  const problem = adminCredentialProblem(username, password);
  if (problem) throw new AdminCredentialError(problem);
  const account = await deps.stores.admins.byUsername(username);
  if (!account) return false;
  return deps.stores.admins.setPassword(account.admin_id, await deps.passwordPool.hash(ADMIN_QUEUE, password));
}
