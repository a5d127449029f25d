import type { Kysely, Selectable } from 'kysely';
import type { OutboxRecord, OutboxStatus, OutboxStore } from '../../store/email-stores.js';
import type { Database, OutboxTable } from '../schema.js';

const toRecord = (row: Selectable<OutboxTable>): OutboxRecord => ({
  ...row,
  attempts: Number(row.attempts),
  next_attempt_at: Number(row.next_attempt_at),
  created_at: Number(row.created_at),
  sent_at: row.sent_at === null ? null : Number(row.sent_at),
  expires_at: Number(row.expires_at),
});

export class KyselyOutboxStore implements OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(message: OutboxRecord): Promise<void> {
    await this.db.insertInto('outbox').values(message).execute();
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxRecord[]> {
    const rows = await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: now + leaseMs })
      .where('message_id', 'in', (eb) =>
        eb
          .selectFrom('outbox')
          .select('message_id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit),
      )
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .returningAll()
      .execute();
    return rows.map(toRecord).sort((a, b) => a.created_at - b.created_at);
  }

  async markSent(messageId: string, now: number): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sent', payload: '', sent_at: now, last_error: null, attempts: eb('attempts', '+', 1) }))
      .where('message_id', '=', messageId)
      .execute();
  }

  async markRetry(messageId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ attempts, next_attempt_at: nextAttemptAt, last_error: error.slice(0, 1000) })
      .where('message_id', '=', messageId)
      .where('status', '=', 'queued')
      .execute();
  }

  async markFailed(messageId: string, attempts: number, error: string, now: number): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts, next_attempt_at: now, last_error: error.slice(0, 1000) })
      .where('message_id', '=', messageId)
      .where('status', '=', 'queued')
      .execute();
  }

  async list(projectId: string, opts: { limit: number; status?: OutboxStatus }): Promise<OutboxRecord[]> {
    let q = this.db.selectFrom('outbox').selectAll().where('project_id', '=', projectId);
    if (opts.status) q = q.where('status', '=', opts.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('message_id', 'desc').limit(opts.limit).execute();
    return rows.map(toRecord);
  }

  async get(projectId: string, messageId: string): Promise<OutboxRecord | null> {
    const row = await this.db.selectFrom('outbox').selectAll().where('project_id', '=', projectId).where('message_id', '=', messageId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async purgeExpired(now: number): Promise<number> {
    const result = await this.db.deleteFrom('outbox').where('expires_at', '<', now).where('status', '<>', 'queued').executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
