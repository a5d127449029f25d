/**
 * The revocation feed's store (issue #15): revoked sessions come from the two session tables themselves
 * (`revoked_at` set, indexed by project and time) plus `session_revocations`, where a delete that removes
 * session rows (user delete, organization delete) first copies the ones whose JWTs could still verify.
 *
 * @module
 */
import { REVOCATION_RETAIN_SECONDS } from '@tessera/core';
import { sql, type Kysely } from 'kysely';
import type { RevocationRecord, RevocationStore } from '../../store/stores.js';
import type { Database } from '../schema.js';

const RETAIN_MS = REVOCATION_RETAIN_SECONDS * 1000;

/**
 * Before deleting session rows: keeps, in `session_revocations`, the sessions that were live (or expired
 * or revoked within the retain window) with their revocation time (now when they were live), so the feed
 * still reports them. Also drops entries past the retain window. Runs inside the delete's transaction.
 */
export async function keepRevocationsOfDeleted(
  db: Kysely<Database>,
  rows: { table: 'sessions'; projectId: string; userId: string } | { table: 'member_sessions'; projectId: string; organizationId: string },
  now: number,
): Promise<void> {
  const from = now - RETAIN_MS;
  // Written against the consumer table's types; both tables have these columns (see session-table.ts).
  const [table, id, filter, value] =
    rows.table === 'sessions'
      ? (['sessions', 'session_id', 'user_id', rows.userId] as const)
      : (['member_sessions', 'member_session_id', 'organization_id', rows.organizationId] as const);
  const select = db
    .selectFrom(table as 'sessions')
    .select([sql<string>`${sql.ref(id)}`.as('session_id'), 'project_id', sql<number>`coalesce(revoked_at, ${now})`.as('revoked_at')])
    .where('project_id', '=', rows.projectId)
    .where(filter as 'user_id', '=', value)
    .where((eb) => eb.or([eb.and([eb('revoked_at', 'is', null), eb('expires_at', '>', from)]), eb('revoked_at', '>=', from)]));
  await db
    .insertInto('session_revocations')
    .columns(['session_id', 'project_id', 'revoked_at'])
    .expression(select as never)
    .execute();
  await db.deleteFrom('session_revocations').where('revoked_at', '<', from).execute();
}

export class KyselyRevocationStore implements RevocationStore {
  readonly #listeners = new Set<() => void>();

  constructor(private readonly db: Kysely<Database>) {}

  async since(projectId: string, since: number): Promise<RevocationRecord[]> {
    const [consumer, member, deleted] = await Promise.all([
      this.db.selectFrom('sessions').select(['session_id', 'revoked_at']).where('project_id', '=', projectId).where('revoked_at', '>=', since).execute(),
      this.db
        .selectFrom('member_sessions')
        .select(['member_session_id as session_id', 'revoked_at'])
        .where('project_id', '=', projectId)
        .where('revoked_at', '>=', since)
        .execute(),
      this.db.selectFrom('session_revocations').select(['session_id', 'revoked_at']).where('project_id', '=', projectId).where('revoked_at', '>=', since).execute(),
    ]);
    return [...consumer, ...member, ...deleted]
      .map((r) => ({ session_id: r.session_id, revoked_at: Number(r.revoked_at) }))
      .sort((a, b) => a.revoked_at - b.revoked_at || (a.session_id < b.session_id ? -1 : a.session_id > b.session_id ? 1 : 0));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const l of this.#listeners) {
      try {
        l();
      } catch {
        // A listener's failure is its own; the others still hear of the revocation.
      }
    }
  }
}
