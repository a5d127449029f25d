import crypto from 'node:crypto';
import { newId, type Env } from '@tessera/core';
import type { SigningAlg } from '../../crypto/jwt-signing.js';
import { sha256 } from '../../crypto/session-token.js';
import type { ProjectRecord } from '../../store/records.js';
import type { Deps } from '../context.js';
import { addSigningKey } from './add-signing-key.js';

export interface CreatedProject {
  project: ProjectRecord;
  /** Shown once: only its hash is stored. */
  secret: string;
  public_token: string;
}

export function newSecret(env: Env): string {
  return `secret-${env}-${crypto.randomBytes(32).toString('base64url')}`;
}

export function secretRecord(projectId: string, secret: string, now: number) {
  return {
    secret_id: `secret-id-${crypto.randomUUID()}`,
    project_id: projectId,
    secret_hash: sha256(secret),
    last_four: secret.slice(-4),
    created_at: now,
  };
}

/** Creates a project with one secret, one public token and an active signing key (RS256 unless `signing_alg`). */
export async function createProject(
  deps: Deps,
  input: { env?: Env; name?: string; project_id?: string; secret?: string; public_token?: string; signing_alg?: SigningAlg } = {},
): Promise<CreatedProject> {
  const env = input.env ?? (input.project_id?.startsWith('project-live-') ? 'live' : 'test');
  const now = deps.clock();
  const project: ProjectRecord = {
    project_id: input.project_id ?? newId('project', env),
    env,
    name: input.name ?? 'Tessera project',
    created_at: now,
  };
  const secret = input.secret ?? newSecret(env);
  const public_token = input.public_token ?? newId('public-token', env);
  await deps.stores.projects.create(project, secretRecord(project.project_id, secret, now), public_token);
  await addSigningKey(deps, project.project_id, env, now, input.signing_alg);
  return { project, secret, public_token };
}
