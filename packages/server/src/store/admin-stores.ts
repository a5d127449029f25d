/**
 * Storage of the admin console (issue #19): operator accounts, which are not a project's users, and their
 * console sessions. Lockout bookkeeping has the users' shape, so `domain/passwords/lockout.ts` rules it.
 *
 * @module
 */
import type { LockoutState } from './records.js';

export interface AdminAccountRecord extends LockoutState {
  admin_id: string;
  username: string;
  /** argon2id. */
  password_hash: string;
  created_at: number;
}

/** A console session; the cookie holds the token, the row only its SHA-256. */
export interface AdminSessionRecord {
  session_hash: string;
  admin_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

/** The username is taken. */
export class AdminExistsError extends Error {
  constructor(readonly username: string) {
    super(`an admin named ${username} exists`);
    this.name = 'AdminExistsError';
  }
}

export interface AdminStore {
  /** How many admin accounts exist (the console is off while there are none). */
  count(): Promise<number>;
  list(): Promise<AdminAccountRecord[]>;
  /** Throws AdminExistsError when the username is taken. */
  create(account: AdminAccountRecord): Promise<void>;
  byUsername(username: string): Promise<AdminAccountRecord | null>;
  /** Replaces the password hash, ends any lock and every console session of the account. */
  setPassword(adminId: string, passwordHash: string): Promise<boolean>;
  /** Deletes the account and its sessions. */
  remove(username: string): Promise<boolean>;
  /** `_scope` is unused: the shape of `PasswordAccountStore`, so the lockout rules apply as they are. */
  lockoutState(_scope: string, adminId: string): Promise<LockoutState | null>;
  compareAndSetLockout(_scope: string, adminId: string, expected: LockoutState, next: LockoutState): Promise<boolean>;
  createSession(session: AdminSessionRecord): Promise<void>;
  /** The session with its account, when it exists (the domain decides whether it is still valid). */
  session(sessionHash: string): Promise<{ session: AdminSessionRecord; account: AdminAccountRecord } | null>;
  touchSession(sessionHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(sessionHash: string): Promise<void>;
  /** Deletes sessions that expired before `now`; returns how many. */
  purgeSessions(now: number): Promise<number>;
}
