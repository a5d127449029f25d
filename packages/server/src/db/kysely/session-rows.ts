/**
 * Queries shared by the two session tables, `sessions` (consumer) and `member_sessions` (B2B): same model,
 * same columns but for the id and the subject (a user or a member).
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely';
import type { FactorRecord, SessionRecord } from '../../store/records.js';
import type { Database, MemberSessionsTable, SessionsTable } from '../schema.js';
import { parseJson } from './json.js';

export type SessionTableName = 'sessions' | 'member_sessions';
const ID = { sessions: 'session_id', member_sessions: 'member_session_id' } as const;
const SUBJECT = { sessions: 'user_id', member_sessions: 'member_id' } as const;

/** Revokes every live session of a subject but `except`; returns how many. Works inside a transaction too. */
export async function revokeAllRows(db: Kysely<Database>, table: SessionTableName, projectId: string, subjectId: string, now: number, except?: string): Promise<number> {
  let q = db
    .updateTable(table)
    .set((eb) => ({ revoked_at: now, version: eb('version', '+', 1) }))
    .where('project_id', '=', projectId)
    .where(SUBJECT[table], '=', subjectId)
    .where('revoked_at', 'is', null);
  if (except) q = q.where(ID[table], '!=', except);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

type CommonColumns = keyof SessionsTable & keyof MemberSessionsTable;
type CommonFields = Pick<SessionRecord, 'project_id' | 'token_hash' | 'token_salt' | 'started_at' | 'last_accessed_at' | 'expires_at' | 'revoked_at' | 'factors' | 'custom_claims' | 'version'>;

/**
 * A session record from either row: the fields both tables share (timestamps may come back as bigints) plus
 * the table's `own`, assigned with `Object.assign`. Not `{ ...commonSessionFields(r), ...own }`: V8's object
 * spread with properties added after it made these records (and the answer built from them) survive into the
 * old generation on every authenticate (docs/performance.md, "No object spread with added properties on the
 * hot path").
 */
export function sessionRecord<T extends object>(r: Selectable<Pick<SessionsTable, CommonColumns>>, own: T): CommonFields & T {
  return Object.assign(commonSessionFields(r), own);
}

/** The fields both session records share, from either row (timestamps may come back as bigints). */
function commonSessionFields(r: Selectable<Pick<SessionsTable, CommonColumns>>): CommonFields {
  return {
    project_id: r.project_id,
    token_hash: r.token_hash,
    token_salt: r.token_salt,
    started_at: Number(r.started_at),
    last_accessed_at: Number(r.last_accessed_at),
    expires_at: Number(r.expires_at),
    revoked_at: r.revoked_at === null ? null : Number(r.revoked_at),
    factors: parseJson<FactorRecord[]>(r.factors),
    custom_claims: parseJson(r.custom_claims),
    version: r.version,
  };
}
