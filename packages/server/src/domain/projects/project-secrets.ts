/**
 * A project's secrets: list, add (the new secret is shown once; only its hash is stored) and remove. A
 * rotation is an add, a deploy of the new secret, then a remove of the old: both work in between. The last
 * secret cannot be removed. Authenticators of every instance drop their cached hashes within seconds (a
 * cache event; see `project-auth.ts`).
 *
 * @module
 */
import type { SecretRecord } from '../../store/records.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';
import { newSecret, secretRecord } from './create-project.js';

export type SecretView = Omit<SecretRecord, 'secret_hash'>;

export function listProjectSecrets(deps: Deps, projectId: string): Promise<SecretView[]> {
  return deps.stores.projects.secrets(projectId);
}

export async function addProjectSecret(deps: Deps, projectId: string): Promise<SecretView & { secret: string }> {
  const project = await deps.stores.projects.get(projectId);
  if (!project) throw new ApiError('project_not_found');
  const secret = newSecret(project.env);
  const record = secretRecord(projectId, secret, deps.clock());
  await deps.stores.projects.addSecret(record);
  return { secret_id: record.secret_id, project_id: projectId, last_four: record.last_four, created_at: record.created_at, secret };
}

/** Throws 404 `secret_not_found`, or 400 `cannot_remove_last_secret` for the project's only secret. */
export async function removeProjectSecret(deps: Deps, projectId: string, secretId: string): Promise<void> {
  const outcome = await deps.stores.projects.removeSecret(projectId, secretId);
  if (outcome === 'not_found') throw new ApiError('secret_not_found');
  if (outcome === 'last') throw new ApiError('cannot_remove_last_secret');
}
