/**
 * The operator's side of the frontend API settings (the `tessera project origins|cookies|vertical` commands).
 *
 * @module
 */
import type { SdkSettings } from '../../store/sdk-stores.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';
import { normalizeOrigin } from './origins.js';

async function requireProject(deps: Deps, projectId: string): Promise<void> {
  if (!(await deps.stores.projects.get(projectId))) throw new ApiError('project_not_found', `There is no project ${projectId.slice(0, 200)}.`);
}

/** Lists an origin for the project; returns it normalized and whether it was new. */
export async function addProjectOrigin(deps: Deps, projectId: string, origin: string): Promise<{ origin: string; added: boolean }> {
  await requireProject(deps, projectId);
  const normalized = normalizeOrigin(origin);
  return { origin: normalized, added: await deps.stores.projectSdk.addOrigin(projectId, normalized, deps.clock()) };
}

export async function removeProjectOrigin(deps: Deps, projectId: string, origin: string): Promise<{ origin: string; removed: boolean }> {
  await requireProject(deps, projectId);
  const normalized = normalizeOrigin(origin);
  return { origin: normalized, removed: await deps.stores.projectSdk.removeOrigin(projectId, normalized) };
}

export async function listProjectOrigins(deps: Deps, projectId: string): Promise<string[]> {
  await requireProject(deps, projectId);
  return deps.stores.projectSdk.origins(projectId);
}

export async function updateProjectSdkSettings(deps: Deps, projectId: string, patch: Partial<SdkSettings>): Promise<SdkSettings> {
  await requireProject(deps, projectId);
  return deps.stores.projectSdk.updateSettings(projectId, patch, deps.clock());
}
