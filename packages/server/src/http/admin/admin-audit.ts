/**
 * The console's writes in the audit log (actor `admin`, the operator's username; a failed sign-in names the
 * username tried), and the log's rows for the console's pages.
 *
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../domain/context.js';
import { queryAudit } from '../../domain/audit/query-audit.js';
import type { AuditQuery } from '../../store/audit-stores.js';
import type { AuditRow } from './pages/audit.js';

export function adminAudit(
  deps: Deps,
  req: FastifyRequest,
  action: string,
  projectId: string | null,
  target: string | null,
  status: number,
  details?: Record<string, string>,
): void {
  deps.audit.record({
    actor_type: 'admin',
    actor_id: req.operator?.account.username ?? details?.username ?? '(signed out)',
    project_id: projectId,
    action: `admin.${action.replace(/^admin\./, '')}`,
    target,
    ip: req.ip,
    request_id: req.id,
    status,
    details,
  });
}

export async function auditRows(deps: Deps, filter: Partial<AuditQuery>): Promise<AuditRow[]> {
  return queryAudit(deps, filter);
}
