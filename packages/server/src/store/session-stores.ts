/**
 * What the consumer and the member session stores share: the key a session is found by, the state an
 * authenticate may change, and the store operations the session lifecycle needs. Both `stores.ts` and
 * `b2b-stores.ts` build on this file (neither imports the other for it).
 *
 * The stores hold no session rules: liveness is a filter (`revoked_at IS NULL AND expires_at > now`), and
 * every change an authenticate makes (expiry, claims, factors) is computed by the domain
 * (`domain/sessions/session-update.ts`) and written with a compare-and-set on the `version` column.
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';
import type { FactorRecord } from './records.js';

/** A session by the SHA-256 of its opaque token, or by its id. */
export type SessionKey = { tokenHash: string } | { sessionId: string };

/** The fields of a live session an authenticate may change. */
export interface SessionState {
  last_accessed_at: number;
  expires_at: number;
  custom_claims: JsonObject;
  factors: FactorRecord[];
}

/** A stored session: its changeable state plus the `version` its compare-and-set writes check. */
export interface VersionedSession extends SessionState {
  version: number;
}

export interface LiveSessionStore<R extends VersionedSession> {
  insert(session: R): Promise<void>;
  /**
   * The authenticate hot path: finds a live session (not revoked, `expires_at > now`) by token hash or id
   * and records `now` as its access time (written behind, never backwards; the record returned carries it).
   * One read, no write in the request. Null when there is no live session.
   */
  touch(projectId: string, key: SessionKey, now: number): Promise<R | null>;
  /**
   * Records `now` as the access time of a session just read live by `getLive` (written behind, as `touch`
   * does), without reading it again; returns the record with the access time it now has.
   */
  touchLoaded(session: R, now: number): R;
  /** A live session by token hash or id, without touching it. */
  getLive(projectId: string, key: SessionKey, now: number): Promise<R | null>;
  /**
   * Writes `next` (and `version + 1`) only if the session `id` is still live at `now` and still at
   * `version`; returns the record written, or null when it was revoked, expired or changed meanwhile.
   */
  compareAndSet(projectId: string, id: string, version: number, next: SessionState, now: number): Promise<R | null>;
  /** The live sessions of a user or member, oldest first. */
  listLive(projectId: string, subjectId: string, now: number): Promise<R[]>;
  /** Revokes a live session and returns it; null when there was none. */
  revoke(projectId: string, key: SessionKey, now: number): Promise<R | null>;
}
