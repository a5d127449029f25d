/**
 * One implementation of the session lifecycle over either session table: `sessions` (consumer, keyed by
 * `session_id`, owned by a user) and `member_sessions` (B2B, keyed by `member_session_id`, owned by a
 * member). The tables share every column the lifecycle touches; only the id and owner columns and the
 * record shape differ, which `SessionTableSpec` supplies.
 *
 * The store holds no session rules: the authenticate hot path is a compiled point read whose new access
 * time goes to the write-behind buffer (touch-buffer.ts); every other change (extension, claims, factors)
 * is computed by the domain (domain/sessions/session-update.ts) from a read and written here with one
 * compare-and-set `UPDATE ... WHERE id = ? AND version = ? RETURNING` (the domain retries on a miss).
 * Revocation bumps `version` too, so a compare-and-set read before a revoke never lands after it.
 *
 * @module
 */
import { SqliteAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { Logger } from '../../log.js';
import type { SessionKey, SessionState, VersionedSession } from '../../store/session-stores.js';
import type { Database, MemberSessionsTable, SessionsTable } from '../schema.js';
import { toJson } from './json.js';
import { param, prepared, type DirectRunner, type Prepared } from './prepared.js';
import { revokeAllRows } from './session-rows.js';
import { TouchBuffer } from './touch-buffer.js';

export type { SessionKey };

// The lifecycle only touches columns both tables have; it is written against the consumer table's types
// and the id/owner column names come from the spec.
/** The column SQLite's point reads add: the row's rowid, which the write-behind access time is written through. */
const ROWID = 'tessera_rowid';
type Row = Selectable<SessionsTable> & { [ROWID]?: number };
type Db = Kysely<Database>;

export interface SessionTableSpec<R extends VersionedSession> {
  table: 'sessions' | 'member_sessions';
  id: 'session_id' | 'member_session_id';
  owner: 'user_id' | 'member_id';
  toRecord(row: Selectable<SessionsTable> | Selectable<MemberSessionsTable>): R;
  idOf(record: R): string;
}

export class SessionTable<R extends VersionedSession> {
  readonly #db: Db;
  readonly #spec: SessionTableSpec<R>;
  readonly #read: Record<'tokenHash' | 'sessionId', Prepared<Row>>;
  readonly #touches: TouchBuffer;
  /** SQLite: the rowid of each record `getLive` read, for a `touchLoaded` of it (see TouchBuffer). */
  readonly #rowids = new WeakMap<R, number>();

  constructor(db: Db, spec: SessionTableSpec<R>, log: Logger, direct?: DirectRunner) {
    this.#db = db;
    this.#spec = spec;
    const table = spec.table as 'sessions';
    const column = (by: 'tokenHash' | 'sessionId') => (by === 'tokenHash' ? 'token_hash' : (spec.id as 'session_id'));
    const rowid = db.getExecutor().adapter instanceof SqliteAdapter;
    const read = (by: 'tokenHash' | 'sessionId') =>
      prepared(db, () =>
        db
          .selectFrom(table)
          .selectAll()
          .$if(rowid, (q) => q.select(sql<number>`rowid`.as(ROWID)))
          .where('project_id', '=', param('project'))
          .where(column(by), '=', param('key'))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', param('now')),
        direct,
      );
    this.#read = { tokenHash: read('tokenHash'), sessionId: read('sessionId') };
    this.#touches = new TouchBuffer(db, spec.table, spec.id, { log, direct, byRowid: rowid });
  }

  /** The live session's row (none or one) by token hash or id: the compiled point read, no extra promise hop. */
  #readLive(projectId: string, key: SessionKey, now: number): Promise<Row[]> {
    return 'tokenHash' in key
      ? this.#read.tokenHash.execute({ now, project: projectId, key: key.tokenHash })
      : this.#read.sessionId.execute({ now, project: projectId, key: key.sessionId });
  }

  /** A record with the newest access time this process knows of (stored or waiting to be written). */
  #record(row: Row): R {
    const r = this.#spec.toRecord(row);
    r.last_accessed_at = this.#touches.overlay(this.#spec.idOf(r), r.last_accessed_at);
    return r;
  }

  async insert(values: Record<string, unknown> & VersionedSession): Promise<void> {
    const { version: _v, ...rest } = values;
    await this.#db
      .insertInto(this.#spec.table as 'sessions')
      .values({ ...rest, factors: toJson(values.factors), custom_claims: toJson(values.custom_claims) } as never)
      .execute();
  }

  /** The hot path: one compiled point read; the access time goes to the write-behind buffer. */
  async touch(projectId: string, key: SessionKey, now: number): Promise<R | null> {
    const [row] = await this.#readLive(projectId, key, now);
    if (!row) return null;
    return this.#touch(this.#record(row), now, row[ROWID] ?? null);
  }

  /** `record` as `getLive` read it (before an authorization check), or any other. */
  touchLoaded(record: R, now: number): R {
    return this.#touch(record, now, this.#rowids.get(record) ?? null);
  }

  #touch(record: R, now: number, rowid: number | null): R {
    if (now > record.last_accessed_at) {
      this.#touches.record(this.#spec.idOf(record), now, rowid);
      record.last_accessed_at = now;
    }
    return record;
  }

  /** Writes `next` only if the session is still live and still at `version` (see `LiveSessionStore`). */
  async compareAndSet(projectId: string, id: string, version: number, next: SessionState, now: number): Promise<R | null> {
    const row = await this.#db
      .updateTable(this.#spec.table as 'sessions')
      .set({
        last_accessed_at: next.last_accessed_at,
        expires_at: next.expires_at,
        custom_claims: toJson(next.custom_claims),
        factors: toJson(next.factors),
        version: version + 1,
      })
      .where('project_id', '=', projectId)
      .where(this.#spec.id as 'session_id', '=', id)
      .where('version', '=', version)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ? this.#record(row) : null;
  }

  async getLive(projectId: string, key: SessionKey, now: number): Promise<R | null> {
    const [row] = await this.#readLive(projectId, key, now);
    if (!row) return null;
    const record = this.#record(row);
    if (row[ROWID] !== undefined) this.#rowids.set(record, row[ROWID]);
    return record;
  }

  /** The live sessions of a user or member, oldest first. */
  async listLive(projectId: string, ownerId: string, now: number): Promise<R[]> {
    const rows = await this.#db
      .selectFrom(this.#spec.table as 'sessions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where(this.#spec.owner as 'user_id', '=', ownerId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('started_at')
      .orderBy(this.#spec.id as 'session_id')
      .execute();
    return rows.map((r) => this.#record(r));
  }

  async revoke(projectId: string, key: SessionKey, now: number): Promise<R | null> {
    let q = this.#db
      .updateTable(this.#spec.table as 'sessions')
      .set((eb) => ({ revoked_at: now, version: eb('version', '+', 1) }))
      .where('project_id', '=', projectId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);
    q = 'tokenHash' in key ? q.where('token_hash', '=', key.tokenHash) : q.where(this.#spec.id as 'session_id', '=', key.sessionId);
    const row = await q.returningAll().executeTakeFirst();
    return row ? this.#record(row) : null;
  }

  /** Revokes every live session of a user or member but `except`; returns how many. */
  revokeAll(projectId: string, ownerId: string, now: number, except?: string): Promise<number> {
    return revokeAllRows(this.#db, this.#spec.table, projectId, ownerId, now, except);
  }

  /** Access times waiting in the write-behind buffer. */
  pendingTouches(): number {
    return this.#touches.depth;
  }

  /** Writes pending access times, retrying a few seconds if the database is locked (called on close). */
  drain(): Promise<void> {
    return this.#touches.drain();
  }
}
