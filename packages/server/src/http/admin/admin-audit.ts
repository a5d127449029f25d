/**
 * The console's writes in the audit log (actor `admin`, the operator's username), and the log's rows for
 * the console's pages.
 *
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../domain/context.js';
import type { AuditRow } from './pages/audit.js';

// INTERIM until the audit log lands (merge): entries go to the request log.
export async function adminAudit(
  _deps: Deps,
  req: FastifyRequest,
  action: string,
  projectId: string | null,
  target: string | null,
  status: number,
  details?: Record<string, string>,
): Promise<void> {
  req.log.info({ audit: { actor: req.operator?.account.username ?? null, action, projectId, target, status, details } }, 'admin audit');
}

export async function auditRows(_deps: Deps, _filter: { project_id?: string | undefined; actor_id?: string | undefined; action_prefix?: string | undefined; limit: number }): Promise<AuditRow[]> {
  return [];
}
