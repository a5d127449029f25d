/**
 * The storage interfaces the domain depends on: narrow and named for what the domain does (Lucia's
 * `Adapter`, not a generic CRUD layer). Each method is atomic on its own; the SQLite and PostgreSQL
 * implementations must pass the same conformance suite (`store/conformance.test-suite.ts`).
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';
import type {
  EmailRecord,
  LockoutState,
  PasswordRecord,
  PhoneRecord,
  ProjectCredentials,
  ProjectRecord,
  SecretRecord,
  SessionRecord,
  SigningKeyRecord,
  UserRecord,
} from './records.js';
import type { MemberSessionStore, MemberStore, OrganizationStore, RbacPolicyStore } from './b2b-stores.js';
import type { ProjectSdkStore } from './sdk-stores.js';
import type { MailSettingsStore, OneTimeTokenStore, OutboxStore, RateLimitStore } from './email-stores.js';
import type { MailTemplateStore } from './mail-template-stores.js';
import type { LiveSessionStore } from './session-stores.js';
import type { AdminStore } from './admin-stores.js';
import type { AuditStore } from './audit-stores.js';

/** A unique constraint the write would break; the domain maps it to a Stytch error type. */
export class ConflictError extends Error {
  constructor(readonly field: 'email' | 'phone_number' | 'external_id') {
    super(`unique ${field} already used`);
    this.name = 'ConflictError';
  }
}

export interface ProjectStore {
  create(project: ProjectRecord, secret: SecretRecord, publicToken: string): Promise<void>;
  get(projectId: string): Promise<ProjectRecord | null>;
  list(): Promise<ProjectRecord[]>;
  /** The project and the hashes of its secrets, for Basic authentication. */
  credentials(projectId: string): Promise<ProjectCredentials | null>;
  addSecret(secret: SecretRecord): Promise<void>;
  /** The project's secrets without their hashes, oldest first. */
  secrets(projectId: string): Promise<Omit<SecretRecord, 'secret_hash'>[]>;
  /**
   * Deletes one secret unless it is the project's last (one transaction, so two parallel removals cannot
   * leave a project with none): `last` when it is the only one, `not_found` when the project has no such secret.
   */
  removeSecret(projectId: string, secretId: string): Promise<'removed' | 'last' | 'not_found'>;
  byPublicToken(publicToken: string): Promise<ProjectRecord | null>;
  publicTokens(projectId: string): Promise<string[]>;
  addPublicToken(projectId: string, publicToken: string, now: number): Promise<void>;
}

export interface KeyStore {
  /** Every key of the project, oldest first. */
  list(projectId: string): Promise<SigningKeyRecord[]>;
  insert(key: SigningKeyRecord): Promise<void>;
}

/** Facts about the deployment (not a project), by name. */
export interface ServerMetaStore {
  get(name: string): Promise<string | null>;
  /** Stores `value` unless the name already has one; returns the value stored now (first writer wins). */
  putIfAbsent(name: string, value: string): Promise<string>;
}

/**
 * The per-project test clock (issue #16): how far a test project's time runs ahead of the server's, in ms.
 * A project without a row is at offset 0. The domain allows it on test projects only.
 */
export interface ProjectClockStore {
  /** The project's offset in ms (0 when it was never advanced, or was reset). */
  get(projectId: string): Promise<number>;
  /** Adds `byMs` to the offset in one statement (parallel advances add up) and returns the new offset. */
  advance(projectId: string, byMs: number, now: number): Promise<number>;
  /** Back to offset 0 (real time). */
  reset(projectId: string, now: number): Promise<void>;
}

export interface NewUser {
  user: Omit<UserRecord, 'emails' | 'phones'>;
  emails: EmailRecord[];
  phones: PhoneRecord[];
}

export interface UserPatch {
  name?: UserRecord['name'];
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  external_id?: string | null;
  roles?: string[];
  status?: UserRecord['status'];
}

export type UserSearchOperand =
  | { kind: 'created_at'; gt?: number; lt?: number }
  | { kind: 'status'; value: 'active' | 'pending' }
  | { kind: 'user_ids'; values: string[] }
  | { kind: 'email_addresses'; values: string[] }
  | { kind: 'email_ids'; values: string[] }
  | { kind: 'email_fuzzy'; value: string }
  | { kind: 'email_verified'; value: boolean }
  | { kind: 'phone_numbers'; values: string[] }
  | { kind: 'phone_ids'; values: string[] }
  | { kind: 'phone_fuzzy'; value: string }
  | { kind: 'phone_verified'; value: boolean }
  | { kind: 'full_name_fuzzy'; value: string }
  | { kind: 'password_exists'; value: boolean }
  /** A filter on a factor Tessera does not have yet (oauth, totp, webauthn...): matches no user when true. */
  | { kind: 'never' }
  | { kind: 'always' };

export interface UserSearch {
  operator: 'AND' | 'OR';
  operands: UserSearchOperand[];
  /** Keyset position: users strictly after (created_at, user_id). */
  after: { created_at: number; user_id: string } | null;
  limit: number;
}

export interface UserStore {
  /** Inserts a user with its emails and phones; throws ConflictError on a taken email/phone/external id. */
  insert(input: NewUser): Promise<void>;
  /** By user_id or external_id. */
  get(projectId: string, idOrExternalId: string): Promise<UserRecord | null>;
  byEmail(projectId: string, email: string): Promise<UserRecord | null>;
  /** The user with this phone number (E.164, as stored). */
  byPhone(projectId: string, phoneNumber: string): Promise<UserRecord | null>;
  /** Throws ConflictError on a taken external id. Returns the updated user, or null if unknown. */
  update(projectId: string, userId: string, patch: UserPatch): Promise<UserRecord | null>;
  /** Deletes the user, its emails, phones and sessions. */
  /**
   * Deletes the user with its emails, phones and sessions; the sessions whose JWTs could still verify go
   * to the revocation feed (revoked at `now`, default the system clock).
   */
  delete(projectId: string, userId: string, now?: number): Promise<boolean>;
  search(projectId: string, query: UserSearch): Promise<{ users: UserRecord[]; total: number }>;
  /**
   * Sets (or replaces) the password. `clearLockout` also ends any lock and failed-attempt count (a reset
   * proves the user; a migration does not). `revokeSessions` revokes the user's sessions in the same
   * transaction (all, or all but `except`).
   */
  setPassword(
    projectId: string,
    userId: string,
    password: PasswordRecord,
    opts: { clearLockout: boolean; revokeSessions?: { now: number; except?: string } },
  ): Promise<void>;
  /** Replaces a hash that verified (an upgrade from a migrated hash), only if it is still `previous`. */
  upgradePasswordHash(projectId: string, userId: string, previous: string, next: string): Promise<void>;
  /** The lockout state alone, or null for an unknown user (see domain/passwords/lockout.ts). */
  lockoutState(projectId: string, userId: string): Promise<LockoutState | null>;
  /** Writes `next` only if the stored lockout state still equals `expected`. */
  compareAndSetLockout(projectId: string, userId: string, expected: LockoutState, next: LockoutState): Promise<boolean>;
  markEmailVerified(projectId: string, emailId: string): Promise<void>;
  /** Adds an email to an existing user; throws ConflictError('email') when any user of the project has it. */
  addEmail(projectId: string, userId: string, email: EmailRecord): Promise<void>;
  markPhoneVerified(projectId: string, phoneId: string): Promise<void>;
  /** Adds a phone number to an existing user; throws ConflictError('phone_number') when any user of the project has it. */
  addPhone(projectId: string, userId: string, phone: PhoneRecord): Promise<void>;
}

export interface SessionStore extends LiveSessionStore<SessionRecord> {
  /** Revokes every live session of a user, except `except`; returns how many. */
  revokeAllForUser(projectId: string, userId: string, now: number, except?: string): Promise<number>;
}

/** A revoked session of the feed: a consumer session_id or a member_session_id, revoked at (epoch ms). */
export interface RevocationRecord {
  session_id: string;
  revoked_at: number;
}

/** The revocation feed (issue #15). */
export interface RevocationStore {
  /** Sessions of the project (consumer and member, deleted ones included) revoked at or after `since`, oldest first. */
  since(projectId: string, since: number): Promise<RevocationRecord[]>;
  /** Calls `listener` whenever this process revoked or deleted sessions; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** What health checks and metrics read (db/kysely/ops-store.ts). */
export interface OpsStore {
  /** A trivial query: rejects when the database cannot be reached. */
  ping(): Promise<void>;
  /** Names of the migrations recorded as applied. */
  appliedMigrations(): Promise<string[]>;
  /** Sessions and member sessions neither expired nor revoked at `now`. */
  countActiveSessions(now: number): Promise<number>;
  /** Session access times waiting in the write-behind buffers. */
  pendingWrites(): number;
}

export interface Stores {
  readonly projects: ProjectStore;
  readonly keys: KeyStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly revocations: RevocationStore;
  // --- B2B ---
  readonly organizations: OrganizationStore;
  readonly members: MemberStore;
  readonly memberSessions: MemberSessionStore;
  readonly rbacPolicies: RbacPolicyStore;
  readonly meta: ServerMetaStore;
  // --- frontend API ---
  readonly projectSdk: ProjectSdkStore;
  // --- passwordless and email ---
  readonly oneTimeTokens: OneTimeTokenStore;
  readonly outbox: OutboxStore;
  readonly rateLimits: RateLimitStore;
  readonly mailSettings: MailSettingsStore;
  // --- test clock ---
  readonly projectClocks: ProjectClockStore;
  readonly mailTemplates: MailTemplateStore;
  /** Health checks and gauges. */
  readonly ops: OpsStore;
  // --- admin console ---
  readonly admins: AdminStore;
  readonly audit: AuditStore;
  /** Releases connections. */
  close(): Promise<void>;
}
