import type { Deps } from '../context.js';
import { createProject, secretRecord, type CreatedProject } from './create-project.js';

export interface SeedInput {
  projectId: string;
  secret: string | undefined;
  publicToken: string | undefined;
}

/**
 * Makes the project named by `TESSERA_PROJECT_ID` exist with the given secret and public token: created
 * when missing, and otherwise given that secret (hashed) and public token in addition to what it has.
 */
export async function seedProject(deps: Deps, seed: SeedInput): Promise<{ created: CreatedProject | null }> {
  const existing = await deps.stores.projects.get(seed.projectId);
  if (!existing) {
    const created = await createProject(deps, {
      project_id: seed.projectId,
      ...(seed.secret ? { secret: seed.secret } : {}),
      ...(seed.publicToken ? { public_token: seed.publicToken } : {}),
    });
    return { created };
  }
  const now = deps.clock();
  if (seed.secret) await deps.stores.projects.addSecret(secretRecord(seed.projectId, seed.secret, now));
  if (seed.publicToken) await deps.stores.projects.addPublicToken(seed.projectId, seed.publicToken, now);
  return { created: null };
}
