/**
 * One implementation of the session lifecycle over either session table: `sessions` (consumer, keyed by
 * `session_id`, owned by a user) and `member_sessions` (B2B, keyed by `member_session_id`, owned by a
 * member). The tables share every column the lifecycle touches; only the id and owner columns and the
 * record shape differ, which `SessionTableSpec` supplies.
 *
 * The store holds no session rules: the authenticate hot path is a compiled point read (answered from the
 * read cache when the database keeps one, read-cache.ts) whose new access time goes to the write-behind
 * buffer (touch-buffer.ts); every other change (extension, claims, factors)
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
import { deepFreeze } from '../../deep-freeze.js';
import { ReadCache, type ChangeFeed } from './read-cache.js';
import { revokeAllRows } from './session-rows.js';
import { TouchBuffer } from './touch-buffer.js';

export type { SessionKey };

// The lifecycle only touches columns both tables have; it is written against the consumer table's types
// and the id/owner column names come from the spec.
/** The column SQLite's point reads add: the row's rowid, which the write-behind access time is written through. */
const ROWID = 'tessera_rowid';
type Row = Selectable<SessionsTable> & { [ROWID]?: number };
type Db = Kysely<Database>;

/**
 * A cached live session (read-cache.ts): the record as read (frozen), its rowid, and the newest access time
 * this process gave it (the write-behind flush changes the row without dropping the entry).
 */
interface Entry<R> {
  readonly record: R;
  readonly rowid: number | null;
  at: number;
}

/** A live session as the lifecycle found it: a record the caller may change, and where it came from. */
interface Live<R> {
  record: R;
  rowid: number | null;
  entry: Entry<R> | null;
}

export interface SessionTableSpec<R extends VersionedSession & { project_id: string }> {
  table: 'sessions' | 'member_sessions';
  id: 'session_id' | 'member_session_id';
  owner: 'user_id' | 'member_id';
  toRecord(row: Selectable<SessionsTable> | Selectable<MemberSessionsTable>): R;
  idOf(record: R): string;
}

export class SessionTable<R extends VersionedSession & { project_id: string }> {
  readonly #db: Db;
  readonly #spec: SessionTableSpec<R>;
  readonly #read: Record<'tokenHash' | 'sessionId', Prepared<Row>>;
  readonly #touches: TouchBuffer;
  /** Live sessions by token hash and by id, when the database reports its changes (SQLite). */
  readonly #cache: Readonly<Record<'tokenHash' | 'sessionId', ReadCache<Entry<R>>>> | undefined;
  /** Where each record `getLive` returned came from, for a `touchLoaded` of it (see TouchBuffer). */
  readonly #loaded = new WeakMap<R, Live<R>>();

  constructor(db: Db, spec: SessionTableSpec<R>, log: Logger, direct?: DirectRunner, changes?: ChangeFeed) {
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
    this.#cache = changes && { tokenHash: new ReadCache(changes, [spec.table]), sessionId: new ReadCache(changes, [spec.table]) };
  }

  /**
   * The live session by token hash or id: from the cache when it holds it (checked against `now` as the
   * read would be), else the compiled point read, whose record the cache then keeps.
   */
  async #live(projectId: string, key: SessionKey, now: number): Promise<Live<R> | null> {
    const by = 'tokenHash' in key ? 'tokenHash' : 'sessionId';
    const k = 'tokenHash' in key ? key.tokenHash : key.sessionId;
    const cache = this.#cache?.[by];
    const entry = cache?.get(k);
    if (entry !== undefined && entry.record.project_id === projectId) {
      if (!(entry.record.expires_at > now)) return null;
      const record = { ...entry.record }; // the caller's copy: touching it sets last_accessed_at
      record.last_accessed_at = this.#touches.overlay(this.#spec.idOf(record), entry.at);
      return { record, rowid: entry.rowid, entry };
    }
    const generation = cache?.generation ?? 0;
    const [row] = await this.#readLive(projectId, key, now);
    if (!row) return null;
    const record = this.#record(row);
    const rowid = row[ROWID] ?? null;
    if (!cache) return { record, rowid, entry: null };
    const cached: Entry<R> = { record: deepFreeze({ ...record }), rowid, at: record.last_accessed_at };
    cache.set(k, cached, generation);
    return { record, rowid, entry: cached };
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

  /** The hot path: one compiled point read, or a cache hit; the access time goes to the write-behind buffer. */
  async touch(projectId: string, key: SessionKey, now: number): Promise<R | null> {
    const live = await this.#live(projectId, key, now);
    return live && this.#touch(live, now);
  }

  /** `record` as `getLive` read it (before an authorization check), or any other. */
  touchLoaded(record: R, now: number): R {
    return this.#touch(this.#loaded.get(record) ?? { record, rowid: null, entry: null }, now);
  }

  #touch({ record, rowid, entry }: Live<R>, now: number): R {
    if (now > record.last_accessed_at) {
      this.#touches.record(this.#spec.idOf(record), now, rowid);
      record.last_accessed_at = now;
      if (entry !== null && now > entry.at) entry.at = now;
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
    const live = await this.#live(projectId, key, now);
    if (!live) return null;
    this.#loaded.set(live.record, live);
    return live.record;
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
