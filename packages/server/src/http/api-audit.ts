/**
 * The audit log's API half: every secret-authenticated write (a route that is not a GET and not marked
 * `audit: false`) is recorded once answered, successful or not: the secret's id, the route, the id it was
 * about, the caller's address, the request id and the status. A synchronous `onResponse` hook on those
 * routes only, and the row is written behind (`AuditLog`), so no route waits for it and the authenticate
 * hot path has no hook at all.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Deps } from '../domain/context.js';
import type { BackendRoute } from './route.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The id of the secret that authenticated the request (secret routes). */
    secretId: string | null;
    /** What an audited write was about, once known (params, body, then the answer). */
    auditTarget: string | null;
  }
}

export function isAudited(r: BackendRoute): boolean {
  return r.auth === 'secret' && r.method !== 'GET' && r.audit !== false;
}

/** The ids a write can be about, most specific first; never a token, secret, password or code. */
const TARGET_FIELDS = ['session_id', 'member_session_id', 'member_id', 'user_id', 'organization_id', 'email_id', 'phone_id', 'template_id'] as const;

/** The first of the id fields present in `source` (a request's params or body, or the answer). */
export function targetOf(source: unknown): string | null {
  if (typeof source !== 'object' || source === null) return null;
  const o = source as Record<string, unknown>;
  for (const f of TARGET_FIELDS) {
    const v = o[f];
    if (typeof v === 'string' && v !== '' && v.length <= 256) return v;
  }
  return null;
}

export function auditHook(deps: Deps, r: BackendRoute, requestId: (req: FastifyRequest) => string) {
  const action = `${r.method} ${r.url}`;
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    // Refused before the secret was checked: nobody to name as the actor (the API answered 401 and did nothing).
    if (req.secretId !== null && req.project !== null) {
      deps.audit.record({
        actor_type: 'secret',
        actor_id: req.secretId,
        project_id: req.project.project_id,
        action,
        target: req.auditTarget ?? targetOf(req.params) ?? targetOf(req.body),
        ip: req.ip,
        request_id: requestId(req),
        status: reply.statusCode,
      });
    }
    done();
  };
}
