import type { Kysely, Selectable, Transaction } from 'kysely';
import { param, prepared, type Prepared } from './prepared.js';
import { commonSessionFields, listLiveRows, revokeAllRows } from './session-rows.js';
import type { SessionStore, SessionTouch } from '../../store/stores.js';
import type { FactorRecord, SessionRecord } from '../../store/records.js';
import type { Database, SessionsTable } from '../schema.js';
import { parseJson, toJson } from './json.js';
import { TouchBuffer } from './touch-buffer.js';

type Db = Kysely<Database>;
type Key = { tokenHash: string } | { sessionId: string };

function toRecord(r: Selectable<SessionsTable>): SessionRecord {
  return {
    ...commonSessionFields(r),
    session_id: r.session_id,
    user_id: r.user_id,
    attributes: parseJson(r.attributes),
  };
}

/** Adds a factor, or refreshes the one of the same type and delivery method (a session lists each once). */
export function upsertFactor(factors: FactorRecord[], factor: FactorRecord): FactorRecord[] {
  const i = factors.findIndex((f) => f.type === factor.type && f.delivery_method === factor.delivery_method);
  if (i < 0) return [...factors, factor];
  const next = factors.slice();
  next[i] = { ...factor, created_at: factors[i]!.created_at };
  return next;
}

type Row = Selectable<SessionsTable>;

export class KyselySessionStore implements SessionStore {
  /**
   * The authenticate hot path, compiled once, by token hash or session id: a read of the live session whose
   * access time goes to the write-behind buffer, or, when the request extends the session, one
   * UPDATE ... RETURNING (expiry is never delayed).
   */
  readonly #hot: Record<'tokenHash' | 'sessionId', { read: Prepared<Row>; extend: Prepared<Row> }>;
  readonly #touches: TouchBuffer;

  constructor(
    private readonly db: Db,
    /** PostgreSQL needs SELECT ... FOR UPDATE; SQLite's BEGIN IMMEDIATE already serialises writers. */
    private readonly lockRows: boolean,
  ) {
    const read = (column: 'token_hash' | 'session_id') =>
      prepared(db, () =>
        db
          .selectFrom('sessions')
          .selectAll()
          .where('project_id', '=', param('project'))
          .where(column, '=', param('key'))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', param('now')),
      );
    const extend = (column: 'token_hash' | 'session_id') =>
      prepared(db, () =>
        db
          .updateTable('sessions')
          .set({ last_accessed_at: param('now'), expires_at: param('expires') })
          .where('project_id', '=', param('project'))
          .where(column, '=', param('key'))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', param('now'))
          .returningAll(),
      );
    this.#hot = {
      tokenHash: { read: read('token_hash'), extend: extend('token_hash') },
      sessionId: { read: read('session_id'), extend: extend('session_id') },
    };
    this.#touches = new TouchBuffer(db, 'sessions');
  }

  /** A record with the newest access time this process knows of (stored or waiting to be written). */
  #record(row: Row): SessionRecord {
    const r = toRecord(row);
    r.last_accessed_at = this.#touches.overlay(r.session_id, r.last_accessed_at);
    return r;
  }

  /** Writes pending access times (called on close). */
  flush(): Promise<void> {
    return this.#touches.flush();
  }

  #live(db: Db | Transaction<Database>, projectId: string, key: Key, now: number) {
    const q = db.selectFrom('sessions').selectAll().where('project_id', '=', projectId);
    const keyed = 'tokenHash' in key ? q.where('token_hash', '=', key.tokenHash) : q.where('session_id', '=', key.sessionId);
    return keyed.where('revoked_at', 'is', null).where('expires_at', '>', now);
  }

  async insert(s: SessionRecord): Promise<void> {
    const { version: _v, ...rest } = s;
    await this.db
      .insertInto('sessions')
      .values({
        ...rest,
        attributes: toJson(s.attributes),
        factors: toJson(s.factors),
        custom_claims: toJson(s.custom_claims),
      })
      .execute();
  }

  async touch(projectId: string, key: Key, t: SessionTouch): Promise<SessionRecord | null> {
    if (!t.mergeClaims && !t.addFactor && t.userId === undefined) {
      const byHash = 'tokenHash' in key;
      const q = this.#hot[byHash ? 'tokenHash' : 'sessionId'];
      const values = { now: t.now, project: projectId, key: byHash ? key.tokenHash : key.sessionId, expires: t.expiresAt };
      const [row] = await (t.expiresAt === undefined ? q.read : q.extend).execute(values);
      if (!row) return null;
      const record = this.#record(row);
      if (t.now > record.last_accessed_at) {
        this.#touches.record(record.session_id, t.now);
        record.last_accessed_at = t.now;
      }
      return record;
    }
    return this.db.transaction().execute(async (trx) => {
      let sel = this.#live(trx, projectId, key, t.now);
      if (t.userId !== undefined) sel = sel.where('user_id', '=', t.userId);
      if (this.lockRows) sel = sel.forUpdate();
      const row = await sel.executeTakeFirst();
      if (!row) return null;
      const current = this.#record(row);
      const custom_claims = t.mergeClaims ? t.mergeClaims(current.custom_claims) : current.custom_claims;
      const factors = t.addFactor ? upsertFactor(current.factors, t.addFactor) : current.factors;
      const next: SessionRecord = {
        ...current,
        last_accessed_at: Math.max(t.now, current.last_accessed_at),
        expires_at: t.expiresAt ?? current.expires_at,
        custom_claims,
        factors,
        version: current.version + 1,
      };
      await trx
        .updateTable('sessions')
        .set({
          last_accessed_at: next.last_accessed_at,
          expires_at: next.expires_at,
          custom_claims: toJson(custom_claims),
          factors: toJson(factors),
          version: next.version,
        })
        .where('session_id', '=', current.session_id)
        .execute();
      return next;
    });
  }

  async getLive(projectId: string, key: Key, now: number): Promise<SessionRecord | null> {
    const row = await this.#live(this.db, projectId, key, now).executeTakeFirst();
    return row ? this.#record(row) : null;
  }

  async listLive(projectId: string, userId: string, now: number): Promise<SessionRecord[]> {
    return (await listLiveRows(this.db, 'sessions', projectId, userId, now)).map((r) => this.#record(r));
  }

  async revoke(projectId: string, key: Key, now: number): Promise<SessionRecord | null> {
    let q = this.db.updateTable('sessions').set({ revoked_at: now }).where('project_id', '=', projectId);
    q = 'tokenHash' in key ? q.where('token_hash', '=', key.tokenHash) : q.where('session_id', '=', key.sessionId);
    const row = await q.where('revoked_at', 'is', null).where('expires_at', '>', now).returningAll().executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  revokeAllForUser(projectId: string, userId: string, now: number, except?: string): Promise<number> {
    return revokeAllRows(this.db, 'sessions', projectId, userId, now, except);
  }
}
