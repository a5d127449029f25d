import type { Kysely, Selectable } from 'kysely';
import type { Logger } from '../../log.js';
import type { SessionStore } from '../../store/stores.js';
import type { SessionState } from '../../store/session-stores.js';
import type { SessionRecord } from '../../store/records.js';
import type { Database, SessionsTable } from '../schema.js';
import { parseJson, toJson } from './json.js';
import type { ChangeFeed } from './read-cache.js';
import type { DirectRunner } from './prepared.js';
import { sessionRecord } from './session-rows.js';
import { SessionTable, type SessionKey } from './session-table.js';

/** Consumer sessions: the shared session lifecycle over the `sessions` table, owned by users. */
export class KyselySessionStore implements SessionStore {
  readonly #t: SessionTable<SessionRecord>;

  constructor(db: Kysely<Database>, log: Logger, direct?: DirectRunner, changes?: ChangeFeed) {
    this.#t = new SessionTable<SessionRecord>(
      db,
      {
        table: 'sessions',
        id: 'session_id',
        owner: 'user_id',
        toRecord: (row) => {
          const r = row as Selectable<SessionsTable>;
          return sessionRecord(r, { session_id: r.session_id, user_id: r.user_id, attributes: parseJson<SessionRecord['attributes']>(r.attributes) });
        },
        idOf: (r) => r.session_id,
      },
      log,
      direct,
      changes,
    );
  }

  insert(s: SessionRecord): Promise<void> {
    return this.#t.insert({ ...s, attributes: toJson(s.attributes) });
  }

  touch(projectId: string, key: SessionKey, now: number): Promise<SessionRecord | null> {
    return this.#t.touch(projectId, key, now);
  }

  touchLoaded(session: SessionRecord, now: number): SessionRecord {
    return this.#t.touchLoaded(session, now);
  }

  compareAndSet(projectId: string, id: string, version: number, next: SessionState, now: number): Promise<SessionRecord | null> {
    return this.#t.compareAndSet(projectId, id, version, next, now);
  }

  getLive(projectId: string, key: SessionKey, now: number): Promise<SessionRecord | null> {
    return this.#t.getLive(projectId, key, now);
  }

  listLive(projectId: string, userId: string, now: number): Promise<SessionRecord[]> {
    return this.#t.listLive(projectId, userId, now);
  }

  revoke(projectId: string, key: SessionKey, now: number): Promise<SessionRecord | null> {
    return this.#t.revoke(projectId, key, now);
  }

  revokeAllForUser(projectId: string, userId: string, now: number, except?: string): Promise<number> {
    return this.#t.revokeAll(projectId, userId, now, except);
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
