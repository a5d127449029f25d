/**
 * The audit log (`store/audit-stores.ts`) over SQLite or PostgreSQL.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely';
import type { AuditActorType, AuditQuery, AuditRecord, AuditStore } from '../../store/audit-stores.js';
import type { AuditLogTable, Database } from '../schema.js';

function record(r: AuditLogTable): AuditRecord {
  return {
    audit_id: r.audit_id,
    at: Number(r.at),
    actor_type: r.actor_type as AuditActorType,
    actor_id: r.actor_id,
    project_id: r.project_id,
    action: r.action,
    target: r.target,
    ip: r.ip,
    request_id: r.request_id,
    status: Number(r.status),
    details: JSON.parse(r.details) as Record<string, string>,
  };
}

export class KyselyAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db
      .insertInto('audit_log')
      .values(records.map((r) => ({ ...r, details: JSON.stringify(r.details) })))
      .onConflict((oc) => oc.column('audit_id').doNothing())
      .execute();
  }

  async query(q: AuditQuery): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (q.project_id !== undefined) query = query.where('project_id', '=', q.project_id);
    if (q.actor_id !== undefined) query = query.where('actor_id', '=', q.actor_id);
    // substr rather than LIKE: no wildcard to escape, and the same meaning on both databases.
    if (q.action_prefix !== undefined) query = query.where(sql<string>`substr(action, 1, ${q.action_prefix.length})`, '=', q.action_prefix);
    if (q.since !== undefined) query = query.where('at', '>=', q.since);
    if (q.before !== undefined) query = query.where('audit_id', '<', q.before);
    const rows = await query.orderBy('audit_id', 'desc').limit(q.limit).execute();
    return rows.map(record);
  }

  async purgeBefore(at: number): Promise<number> {
    const r = await this.db.deleteFrom('audit_log').where('at', '<', at).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
