import type { Kysely, Selectable, Transaction } from 'kysely';
import { param, prepared, type Prepared } from './prepared.js';
import { commonSessionFields, listLiveRows, revokeAllRows } from './session-rows.js';
import type { SessionStore, SessionTouch } from '../../store/stores.js';
import type { FactorRecord, SessionRecord } from '../../store/records.js';
import type { Database, SessionsTable } from '../schema.js';
import { parseJson, toJson } from './json.js';

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
  /** The authenticate hot path: lookup and touch in one statement, compiled once (by hash or id, with or without a new expiry). */
  readonly #touch: Record<'tokenHash' | 'sessionId', { keep: Prepared<Row>; extend: Prepared<Row> }>;

  constructor(
    private readonly db: Db,
    /** PostgreSQL needs SELECT ... FOR UPDATE; SQLite's BEGIN IMMEDIATE already serialises writers. */
    private readonly lockRows: boolean,
  ) {
    const touch = (column: 'token_hash' | 'session_id', extend: boolean) =>
      prepared(db, () =>
        db
          .updateTable('sessions')
          .set(extend ? { last_accessed_at: param('now'), expires_at: param('expires') } : { last_accessed_at: param('now') })
          .where('project_id', '=', param('project'))
          .where(column, '=', param('key'))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', param('now'))
          .returningAll(),
      );
    this.#touch = {
      tokenHash: { keep: touch('token_hash', false), extend: touch('token_hash', true) },
      sessionId: { keep: touch('session_id', false), extend: touch('session_id', true) },
    };
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
      // Hot path: lookup and touch in one statement (perf-baseline.md §3: 1.6x over select + update).
      const byHash = 'tokenHash' in key;
      const q = this.#touch[byHash ? 'tokenHash' : 'sessionId'];
      const values = { now: t.now, project: projectId, key: byHash ? key.tokenHash : key.sessionId, expires: t.expiresAt };
      const [row] = await (t.expiresAt === undefined ? q.keep : q.extend).execute(values);
      return row ? toRecord(row) : null;
    }
    return this.db.transaction().execute(async (trx) => {
      let sel = this.#live(trx, projectId, key, t.now);
      if (t.userId !== undefined) sel = sel.where('user_id', '=', t.userId);
      if (this.lockRows) sel = sel.forUpdate();
      const row = await sel.executeTakeFirst();
      if (!row) return null;
      const current = toRecord(row);
      const custom_claims = t.mergeClaims ? t.mergeClaims(current.custom_claims) : current.custom_claims;
      const factors = t.addFactor ? upsertFactor(current.factors, t.addFactor) : current.factors;
      const next: SessionRecord = {
        ...current,
        last_accessed_at: t.now,
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
    return row ? toRecord(row) : null;
  }

  async listLive(projectId: string, userId: string, now: number): Promise<SessionRecord[]> {
    return (await listLiveRows(this.db, 'sessions', projectId, userId, now)).map(toRecord);
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
