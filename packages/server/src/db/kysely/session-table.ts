/**
 * One implementation of the session lifecycle over either session table: `sessions` (consumer, keyed by
 * `session_id`, owned by a user) and `member_sessions` (B2B, keyed by `member_session_id`, owned by a
 * member). The tables share every column the lifecycle touches; only the id and owner columns and the
 * record shape differ, which `SessionTableSpec` supplies.
 *
 * The authenticate hot path is a compiled point read whose new access time goes to the write-behind
 * buffer (touch-buffer.ts); extension is one compiled UPDATE ... RETURNING; claim and factor changes are
 * a read-modify-write in one transaction (rows locked on PostgreSQL).
 *
 * @module
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Logger } from '../../log.js';
import type { FactorRecord } from '../../store/records.js';
import type { SessionTouch } from '../../store/stores.js';
import type { Database, MemberSessionsTable, SessionsTable } from '../schema.js';
import { toJson } from './json.js';
import { param, prepared, type Prepared } from './prepared.js';
import { revokeAllRows } from './session-rows.js';
import { TouchBuffer } from './touch-buffer.js';

export type SessionKey = { tokenHash: string } | { sessionId: string };

/** The record fields the lifecycle reads and writes, whatever the table. */
export interface LifecycleFields {
  last_accessed_at: number;
  expires_at: number;
  custom_claims: Record<string, unknown>;
  factors: FactorRecord[];
  version: number;
}

// The lifecycle only touches columns both tables have; it is written against the consumer table's types
// and the id/owner column names come from the spec.
type Row = Selectable<SessionsTable>;
type Db = Kysely<Database>;

export interface SessionTableSpec<R extends LifecycleFields> {
  table: 'sessions' | 'member_sessions';
  id: 'session_id' | 'member_session_id';
  owner: 'user_id' | 'member_id';
  toRecord(row: Selectable<SessionsTable> | Selectable<MemberSessionsTable>): R;
  idOf(record: R): string;
}

/** Adds a factor, or refreshes the one of the same type and delivery method (a session lists each once). */
export function upsertFactor(factors: FactorRecord[], factor: FactorRecord): FactorRecord[] {
  const i = factors.findIndex((f) => f.type === factor.type && f.delivery_method === factor.delivery_method);
  if (i < 0) return [...factors, factor];
  const next = factors.slice();
  next[i] = { ...factor, created_at: factors[i]!.created_at };
  return next;
}

export class SessionTable<R extends LifecycleFields> {
  readonly #db: Db;
  readonly #spec: SessionTableSpec<R>;
  readonly #lockRows: boolean;
  readonly #hot: Record<'tokenHash' | 'sessionId', { read: Prepared<Row>; extend: Prepared<Row> }>;
  readonly #touches: TouchBuffer;

  constructor(db: Db, spec: SessionTableSpec<R>, lockRows: boolean, log: Logger) {
    this.#db = db;
    this.#spec = spec;
    this.#lockRows = lockRows;
    const table = spec.table as 'sessions';
    const column = (by: 'tokenHash' | 'sessionId') => (by === 'tokenHash' ? 'token_hash' : (spec.id as 'session_id'));
    const read = (by: 'tokenHash' | 'sessionId') =>
      prepared(db, () =>
        db
          .selectFrom(table)
          .selectAll()
          .where('project_id', '=', param('project'))
          .where(column(by), '=', param('key'))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', param('now')),
      );
    const extend = (by: 'tokenHash' | 'sessionId') =>
      prepared(db, () =>
        db
          .updateTable(table)
          .set({ last_accessed_at: param('now'), expires_at: param('expires') })
          .where('project_id', '=', param('project'))
          .where(column(by), '=', param('key'))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', param('now'))
          .returningAll(),
      );
    this.#hot = { tokenHash: { read: read('tokenHash'), extend: extend('tokenHash') }, sessionId: { read: read('sessionId'), extend: extend('sessionId') } };
    this.#touches = new TouchBuffer(db, spec.table, spec.id, { log });
  }

  /** A record with the newest access time this process knows of (stored or waiting to be written). */
  #record(row: Row): R {
    const r = this.#spec.toRecord(row);
    r.last_accessed_at = this.#touches.overlay(this.#spec.idOf(r), r.last_accessed_at);
    return r;
  }

  #live(db: Db | Transaction<Database>, projectId: string, key: SessionKey, now: number, ownerId?: string) {
    let q = db
      .selectFrom(this.#spec.table as 'sessions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);
    q = 'tokenHash' in key ? q.where('token_hash', '=', key.tokenHash) : q.where(this.#spec.id as 'session_id', '=', key.sessionId);
    return ownerId === undefined ? q : q.where(this.#spec.owner as 'user_id', '=', ownerId);
  }

  async insert(values: Record<string, unknown> & LifecycleFields): Promise<void> {
    const { version: _v, ...rest } = values;
    await this.#db
      .insertInto(this.#spec.table as 'sessions')
      .values({ ...rest, factors: toJson(values.factors), custom_claims: toJson(values.custom_claims) } as never)
      .execute();
  }

  async touch(projectId: string, key: SessionKey, t: SessionTouch): Promise<R | null> {
    if (!t.mergeClaims && !t.addFactor && t.userId === undefined) {
      const by = 'tokenHash' in key ? 'tokenHash' : 'sessionId';
      const values = { now: t.now, project: projectId, key: 'tokenHash' in key ? key.tokenHash : key.sessionId, expires: t.expiresAt };
      const [row] = await (t.expiresAt === undefined ? this.#hot[by].read : this.#hot[by].extend).execute(values);
      if (!row) return null;
      const record = this.#record(row);
      if (t.now > record.last_accessed_at) {
        this.#touches.record(this.#spec.idOf(record), t.now);
        record.last_accessed_at = t.now;
      }
      return record;
    }
    return this.#db.transaction().execute(async (trx) => {
      let sel = this.#live(trx, projectId, key, t.now, t.userId);
      if (this.#lockRows) sel = sel.forUpdate();
      const row = await sel.executeTakeFirst();
      if (!row) return null;
      const current = this.#record(row);
      const next: R = {
        ...current,
        last_accessed_at: Math.max(t.now, current.last_accessed_at),
        expires_at: t.expiresAt ?? current.expires_at,
        custom_claims: t.mergeClaims ? t.mergeClaims(current.custom_claims) : current.custom_claims,
        factors: t.addFactor ? upsertFactor(current.factors, t.addFactor) : current.factors,
        version: current.version + 1,
      };
      await trx
        .updateTable(this.#spec.table as 'sessions')
        .set({
          last_accessed_at: next.last_accessed_at,
          expires_at: next.expires_at,
          custom_claims: toJson(next.custom_claims),
          factors: toJson(next.factors),
          version: next.version,
        })
        .where(this.#spec.id as 'session_id', '=', this.#spec.idOf(current))
        .execute();
      return next;
    });
  }

  async getLive(projectId: string, key: SessionKey, now: number): Promise<R | null> {
    const row = await this.#live(this.#db, projectId, key, now).executeTakeFirst();
    return row ? this.#record(row) : null;
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
      .set({ revoked_at: now })
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

  /** Writes pending access times, retrying a few seconds if the database is locked (called on close). */
  drain(): Promise<void> {
    return this.#touches.drain();
  }
}
