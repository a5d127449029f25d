import type { Kysely, Selectable } from 'kysely';
import type { Logger } from '../../../log.js';
import type { MemberSessionRecord } from '../../../store/b2b-records.js';
import type { MemberSessionKey, MemberSessionStore } from '../../../store/b2b-stores.js';
import type { SessionState } from '../../../store/session-stores.js';
import type { Database, MemberSessionsTable } from '../../schema.js';
import type { ChangeFeed } from '../read-cache.js';
import type { DirectRunner } from '../prepared.js';
import { sessionRecord } from '../session-rows.js';
import { SessionTable } from '../session-table.js';

/**
 * Member sessions: the consumer session model (derived tokens looked up by hash, touch on authenticate) in
 * their own table, keyed to a member and its organization.
 */
export class KyselyMemberSessionStore implements MemberSessionStore {
  readonly #t: SessionTable<MemberSessionRecord>;

  constructor(db: Kysely<Database>, log: Logger, direct?: DirectRunner, changes?: ChangeFeed) {
    this.#t = new SessionTable<MemberSessionRecord>(
      db,
      {
        table: 'member_sessions',
        id: 'member_session_id',
        owner: 'member_id',
        toRecord: (row) => {
          const r = row as Selectable<MemberSessionsTable>;
          return sessionRecord(r, { member_session_id: r.member_session_id, organization_id: r.organization_id, member_id: r.member_id });
        },
        idOf: (r) => r.member_session_id,
      },
      log,
      direct,
      changes,
    );
  }

  insert(s: MemberSessionRecord): Promise<void> {
    return this.#t.insert({ ...s });
  }

  touch(projectId: string, key: MemberSessionKey, now: number): Promise<MemberSessionRecord | null> {
    return this.#t.touch(projectId, key, now);
  }

  touchLoaded(session: MemberSessionRecord, now: number): MemberSessionRecord {
    return this.#t.touchLoaded(session, now);
  }

  compareAndSet(projectId: string, id: string, version: number, next: SessionState, now: number): Promise<MemberSessionRecord | null> {
    return this.#t.compareAndSet(projectId, id, version, next, now);
  }

  getLive(projectId: string, key: MemberSessionKey, now: number): Promise<MemberSessionRecord | null> {
    return this.#t.getLive(projectId, key, now);
  }

  listLive(projectId: string, memberId: string, now: number): Promise<MemberSessionRecord[]> {
    return this.#t.listLive(projectId, memberId, now);
  }

  revoke(projectId: string, key: MemberSessionKey, now: number): Promise<MemberSessionRecord | null> {
    return this.#t.revoke(projectId, key, now);
  }

  revokeAllForMember(projectId: string, memberId: string, now: number): Promise<number> {
    return this.#t.revokeAll(projectId, memberId, now);
  }

  /** Writes pending access times, retrying a few seconds if the database is locked (called on close). */
  /** Access times waiting in the write-behind buffer (metrics). */
  pendingTouches(): number {
    return this.#t.pendingTouches();
  }

  drain(): Promise<void> {
    return this.#t.drain();
  }
}
