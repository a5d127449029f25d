/**
 * The audit log's storage: append in batches, read newest first with filters, purge by age.
 *
 * @module
 */

/** Who made a write: a project secret (the API), an operator in the console, or the CLI on the server. */
export type AuditActorType = 'secret' | 'admin' | 'cli';

export interface AuditRecord {
  /** Sorts by time: `audit-<ms, 13 digits>-<random>`. */
  audit_id: string;
  at: number;
  actor_type: AuditActorType;
  /** The secret's id (never the secret), the operator's username, or `cli:<os user>`. */
  actor_id: string;
  project_id: string | null;
  /** `POST /v1/users` for API writes; a dotted verb (`project.secret.create`) for the console and CLI. */
  action: string;
  /** The id the write was about (user, session, member, organization, key...), when there is one. */
  target: string | null;
  ip: string | null;
  request_id: string | null;
  /** The HTTP status of the answer; 200 for a CLI write that succeeded. */
  status: number;
  /** A few more ids or values; never a secret, token, password or code. */
  details: Record<string, string>;
}

export interface AuditQuery {
  project_id?: string | undefined;
  actor_id?: string | undefined;
  /** Actions starting with this text. */
  action_prefix?: string | undefined;
  /** Inclusive, epoch ms. */
  since?: number | undefined;
  /** Entries strictly older than this audit_id (the next page). */
  before?: string | undefined;
  limit: number;
}

export interface AuditStore {
  append(records: readonly AuditRecord[]): Promise<void>;
  /** Newest first. */
  query(q: AuditQuery): Promise<AuditRecord[]>;
  /** Deletes entries older than `at`; returns how many. */
  purgeBefore(at: number): Promise<number>;
}
