/**
 * The project page and its writes: secrets, origins, signing keys, RBAC policy.
 *
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_REGISTRY } from '@tessera/core';
import { isSigningAlg } from '../../crypto/jwt-signing.js';
import { keyAlg } from '../../crypto/key-ring.js';
import { projectContext, type Deps } from '../../domain/context.js';
import { ApiError } from '../../domain/errors.js';
import { DEFAULT_POLICY } from '../../domain/b2b/rbac/default-policy.js';
import { setRbacPolicy } from '../../domain/b2b/rbac/set-policy.js';
import { addProjectSecret, listProjectSecrets, removeProjectSecret } from '../../domain/projects/project-secrets.js';
import { rotateKeys } from '../../domain/projects/rotate-keys.js';
import { addProjectOrigin, listProjectOrigins, removeProjectOrigin } from '../../domain/sdk/project-sdk-settings.js';
import type { ProjectRecord } from '../../store/records.js';
import { field, pageContext, sendPage } from './admin-request.js';
import { adminAudit } from './admin-audit.js';
import { projectPage, type ProjectPageData } from './pages/project.js';
import { done, flashOf } from './flash.js';
import type { Flash } from './layout.js';

type Params = { project_id: string };

export async function projectOf(deps: Deps, req: FastifyRequest): Promise<ProjectRecord> {
  const project = await deps.stores.projects.get((req.params as Params).project_id);
  if (!project) throw new ApiError('project_not_found');
  return project;
}

const messageOf = (err: ApiError) => (err.hasMessage ? err.message : ERROR_REGISTRY[err.type][1]);

async function pageData(deps: Deps, project: ProjectRecord, extra: Partial<ProjectPageData> = {}): Promise<ProjectPageData> {
  const id = project.project_id;
  const [publicTokens, secrets, origins, keys, policy] = await Promise.all([
    deps.stores.projects.publicTokens(id),
    listProjectSecrets(deps, id),
    listProjectOrigins(deps, id),
    deps.stores.keys.list(id),
    deps.stores.rbacPolicies.get(id),
  ]);
  const now = deps.clocks.now(id);
  const signing = keys.reduce((at, k, i) => (k.activates_at <= now ? i : at), -1);
  return {
    project,
    publicTokens,
    secrets,
    origins,
    keys: keys.map((k, i) => ({ ...k, alg: keyAlg(k), state: i === signing ? 'signing' : k.activates_at > now ? 'pending' : 'published' })),
    policyText: JSON.stringify(policy ?? DEFAULT_POLICY, null, 2),
    ...extra,
  };
}

export function registerProjectPages(admin: FastifyInstance, deps: Deps): void {
  const show = async (req: FastifyRequest, reply: FastifyReply, status: number, project: ProjectRecord, flash: Flash | null, extra: Partial<ProjectPageData> = {}, policyError?: string) =>
    sendPage(reply, status, projectPage(pageContext(req, project.project_id), await pageData(deps, project, extra), flash, { policyError }));
  const base = (p: ProjectRecord) => `/admin/projects/${encodeURIComponent(p.project_id)}`;

  admin.get('/projects/:project_id', async (req, reply) => show(req, reply, 200, await projectOf(deps, req), flashOf(req)));

  // The new secret is shown in this response only (no redirect: it is never put in a URL or stored).
  admin.post('/projects/:project_id/secrets', async (req, reply) => {
    const project = await projectOf(deps, req);
    const created = await addProjectSecret(deps, project.project_id);
    adminAudit(deps, req, 'project.secret.create', project.project_id, created.secret_id, 200);
    return show(req, reply, 200, project, { kind: 'ok', text: 'A new secret was created. Both secrets authenticate until you remove the old one.' }, {
      newSecret: { secret_id: created.secret_id, secret: created.secret },
    });
  });

  admin.post('/projects/:project_id/secrets/:secret_id/remove', async (req, reply) => {
    const project = await projectOf(deps, req);
    const secretId = (req.params as { secret_id: string }).secret_id;
    try {
      await removeProjectSecret(deps, project.project_id, secretId);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      adminAudit(deps, req, 'project.secret.remove', project.project_id, secretId, ERROR_REGISTRY[err.type][0]);
      return show(req, reply, ERROR_REGISTRY[err.type][0], project, { kind: 'error', text: messageOf(err) });
    }
    adminAudit(deps, req, 'project.secret.remove', project.project_id, secretId, 200);
    return done(reply, base(project), 'secret-removed');
  });

  for (const [path, action, key] of [
    ['origins', 'project.origin.add', 'origin-added'],
    ['origins/remove', 'project.origin.remove', 'origin-removed'],
  ] as const) {
    admin.post(`/projects/:project_id/${path}`, async (req, reply) => {
      const project = await projectOf(deps, req);
      const origin = field(req, 'origin').trim();
      try {
        if (path === 'origins') await addProjectOrigin(deps, project.project_id, origin);
        else await removeProjectOrigin(deps, project.project_id, origin);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        adminAudit(deps, req, action, project.project_id, origin.slice(0, 200), ERROR_REGISTRY[err.type][0]);
        return show(req, reply, ERROR_REGISTRY[err.type][0], project, { kind: 'error', text: messageOf(err) });
      }
      adminAudit(deps, req, action, project.project_id, origin, 200);
      return done(reply, base(project), key);
    });
  }

  admin.post('/projects/:project_id/keys/rotate', async (req, reply) => {
    const project = await projectOf(deps, req);
    const alg = field(req, 'alg');
    if (!isSigningAlg(alg)) return show(req, reply, 400, project, { kind: 'error', text: 'Choose RS256, ES256 or EdDSA.' });
    const key = await rotateKeys(deps, project.project_id, { immediate: field(req, 'immediate') === 'on', alg });
    adminAudit(deps, req, 'project.keys.rotate', project.project_id, key.kid, 200, { alg });
    return done(reply, base(project), 'key-rotated');
  });

  admin.post('/projects/:project_id/policy', async (req, reply) => {
    const project = await projectOf(deps, req);
    const text = field(req, 'policy');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      const why = err instanceof SyntaxError ? err.message : 'not JSON';
      return show(req, reply, 400, project, null, { policyText: text }, `The policy is not valid JSON: ${why}`);
    }
    try {
      await setRbacPolicy(projectContext(deps, project), (parsed as { policy?: unknown } | null)?.policy ?? parsed);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      adminAudit(deps, req, 'project.rbac_policy.set', project.project_id, null, ERROR_REGISTRY[err.type][0]);
      return show(req, reply, ERROR_REGISTRY[err.type][0], project, null, { policyText: text }, `${err.type}: ${messageOf(err)}`);
    }
    adminAudit(deps, req, 'project.rbac_policy.set', project.project_id, null, 200);
    return done(reply, base(project), 'policy-saved');
  });
}
