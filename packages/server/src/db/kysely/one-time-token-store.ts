import type { Kysely, Selectable } from 'kysely';
import type { OneTimePurpose, OneTimeTokenRecord, OneTimeTokenStore } from '../../store/email-stores.js';
import type { Database, OneTimeTokensTable } from '../schema.js';
import { parseJson, toJson } from './json.js';

const toRecord = (row: Selectable<OneTimeTokensTable>): OneTimeTokenRecord => ({
  ...row,
  purpose: row.purpose as OneTimePurpose,
  data: parseJson(row.data),
  attempts: Number(row.attempts),
  created_at: Number(row.created_at),
  expires_at: Number(row.expires_at),
  used_at: row.used_at === null ? null : Number(row.used_at),
});

export class KyselyOneTimeTokenStore implements OneTimeTokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(token: OneTimeTokenRecord, opts: { supersede?: boolean } = {}): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (opts.supersede && token.method_id !== null) {
        await trx
          .updateTable('one_time_tokens')
          .set({ used_at: token.created_at })
          .where('project_id', '=', token.project_id)
          .where('purpose', '=', token.purpose)
          .where('method_id', '=', token.method_id)
          .where('used_at', 'is', null)
          .execute();
      }
      await trx.insertInto('one_time_tokens').values({ ...token, data: toJson(token.data) }).execute();
    });
  }

  async byHash(projectId: string, purposes: OneTimePurpose[], tokenHash: string): Promise<OneTimeTokenRecord | null> {
    const row = await this.db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('project_id', '=', projectId)
      .where('purpose', 'in', purposes)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async liveForMethod(projectId: string, purpose: OneTimePurpose, methodId: string, now: number): Promise<OneTimeTokenRecord | null> {
    const row = await this.db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('purpose', '=', purpose)
      .where('method_id', '=', methodId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async consume(projectId: string, tokenId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('token_id', '=', tokenId)
      .where('project_id', '=', projectId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async countFailure(projectId: string, tokenId: string, max: number, now: number): Promise<number> {
    const row = await this.db
      .updateTable('one_time_tokens')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        used_at: eb.case().when('attempts', '>=', max - 1).then(now).else(null).end(),
      }))
      .where('token_id', '=', tokenId)
      .where('project_id', '=', projectId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('attempts')
      .executeTakeFirst();
    return row ? Number(row.attempts) : 0;
  }

  async revoke(projectId: string, filter: { purpose: OneTimePurpose; subject_id?: string; email?: string }, now: number): Promise<number> {
    let q = this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('project_id', '=', projectId)
      .where('purpose', '=', filter.purpose)
      .where('used_at', 'is', null);
    if (filter.subject_id !== undefined) q = q.where('subject_id', '=', filter.subject_id);
    if (filter.email !== undefined) q = q.where('email', '=', filter.email);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async purgeExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('one_time_tokens').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
