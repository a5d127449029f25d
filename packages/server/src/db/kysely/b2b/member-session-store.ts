import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { MemberSessionRecord } from '../../../store/b2b-records.js';
import type { MemberSessionKey, MemberSessionStore, MemberSessionTouch } from '../../../store/b2b-stores.js';
import type { Database, MemberSessionsTable } from '../../schema.js';
import { toJson } from '../json.js';
import { commonSessionFields, listLiveRows, revokeAllRows } from '../session-rows.js';
import { upsertFactor } from '../session-store.js';

type Db = Kysely<Database>;

function toRecord(r: Selectable<MemberSessionsTable>): MemberSessionRecord {
  return {
    ...commonSessionFields(r),
    member_session_id: r.member_session_id,
    organization_id: r.organization_id,
    member_id: r.member_id,
  };
}

/** A live session named by key (and, when given, belonging to that member): the `where` of every lookup. */
function live(projectId: string, key: MemberSessionKey, now: number, memberId?: string) {
  return (eb: ExpressionBuilder<Database, 'member_sessions'>) =>
    eb.and([
      eb('project_id', '=', projectId),
      'tokenHash' in key ? eb('token_hash', '=', key.tokenHash) : eb('member_session_id', '=', key.sessionId),
      ...(memberId === undefined ? [] : [eb('member_id', '=', memberId)]),
      eb('revoked_at', 'is', null),
      eb('expires_at', '>', now),
    ]);
}

/**
 * Member sessions: the consumer session model (derived tokens looked up by hash, touch on authenticate) in
 * their own table, keyed to a member and its organization.
 */
export class KyselyMemberSessionStore implements MemberSessionStore {
  constructor(
    private readonly db: Db,
    /** PostgreSQL needs SELECT ... FOR UPDATE; SQLite's BEGIN IMMEDIATE already serialises writers. */
    private readonly lockRows: boolean,
  ) {}

  async insert(s: MemberSessionRecord): Promise<void> {
    const { version: _v, ...rest } = s;
    await this.db
      .insertInto('member_sessions')
      .values({ ...rest, factors: toJson(s.factors), custom_claims: toJson(s.custom_claims) })
      .execute();
  }

  async touch(projectId: string, key: MemberSessionKey, t: MemberSessionTouch): Promise<MemberSessionRecord | null> {
    if (!t.mergeClaims && !t.addFactor) {
      const set = t.expiresAt === undefined ? { last_accessed_at: t.now } : { last_accessed_at: t.now, expires_at: t.expiresAt };
      const row = await this.db.updateTable('member_sessions').set(set).where(live(projectId, key, t.now, t.userId)).returningAll().executeTakeFirst();
      return row ? toRecord(row) : null;
    }
    return this.db.transaction().execute(async (trx) => {
      let sel = trx.selectFrom('member_sessions').selectAll().where(live(projectId, key, t.now, t.userId));
      if (this.lockRows) sel = sel.forUpdate();
      const row = await sel.executeTakeFirst();
      if (!row) return null;
      const current = toRecord(row);
      const next: MemberSessionRecord = {
        ...current,
        last_accessed_at: t.now,
        expires_at: t.expiresAt ?? current.expires_at,
        custom_claims: t.mergeClaims ? t.mergeClaims(current.custom_claims) : current.custom_claims,
        factors: t.addFactor ? upsertFactor(current.factors, t.addFactor) : current.factors,
        version: current.version + 1,
      };
      const { last_accessed_at, expires_at, version } = next;
      await trx
        .updateTable('member_sessions')
        .set({ last_accessed_at, expires_at, version, custom_claims: toJson(next.custom_claims), factors: toJson(next.factors) })
        .where('member_session_id', '=', current.member_session_id)
        .execute();
      return next;
    });
  }

  async getLive(projectId: string, key: MemberSessionKey, now: number): Promise<MemberSessionRecord | null> {
    const row = await this.db.selectFrom('member_sessions').selectAll().where(live(projectId, key, now)).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listLive(projectId: string, memberId: string, now: number): Promise<MemberSessionRecord[]> {
    return (await listLiveRows(this.db, 'member_sessions', projectId, memberId, now)).map(toRecord);
  }

  async revoke(projectId: string, key: MemberSessionKey, now: number): Promise<MemberSessionRecord | null> {
    const row = await this.db.updateTable('member_sessions').set({ revoked_at: now }).where(live(projectId, key, now)).returningAll().executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  revokeAllForMember(projectId: string, memberId: string, now: number): Promise<number> {
    return revokeAllRows(this.db, 'member_sessions', projectId, memberId, now);
  }
}
