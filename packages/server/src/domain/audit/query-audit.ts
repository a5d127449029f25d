/**
 * Reading the audit log (the console's page, `tessera audit`): newest first, times as RFC 3339.
 *
 * @module
 */
import type { AuditQuery, AuditRecord } from '../../store/audit-stores.js';
import type { Deps } from '../context.js';

export interface AuditView extends Omit<AuditRecord, 'at'> {
  at: string;
}

export const AUDIT_MAX_LIMIT = 1000;

export async function queryAudit(deps: Deps, filter: Partial<AuditQuery>): Promise<AuditView[]> {
  const limit = Math.min(Math.max(1, filter.limit ?? 100), AUDIT_MAX_LIMIT);
  const rows = await deps.stores.audit.query({ ...filter, limit });
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** Deletes entries older than the retention; returns how many. */
export function purgeAudit(deps: Deps, retentionMs: number): Promise<number> {
  return deps.stores.audit.purgeBefore(deps.clock() - retentionMs);
}
