import type { SigningAlg } from '../../crypto/jwt-signing.js';
import { keyAlg } from '../../crypto/key-ring.js';
import type { SigningKeyRecord } from '../../store/records.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';
import { addSigningKey } from './add-signing-key.js';

/**
 * Adds a signing key to the project. It is published in JWKS at once and starts signing after the
 * activation delay (or immediately with `immediate`); the previous key stays published until every JWT it
 * signed has expired (see crypto/key-ring.ts).
 *
 * The new key's algorithm is `opts.alg`, or else the newest key's: a project that chose ES256 stays on it
 * across rotations, and switching profiles is a rotation like any other (old JWTs keep verifying until they
 * expire, because the old key stays published).
 */
export async function rotateKeys(deps: Deps, projectId: string, opts: { immediate?: boolean; alg?: SigningAlg } = {}): Promise<SigningKeyRecord> {
  const project = await deps.stores.projects.get(projectId);
  if (!project) throw new ApiError('project_not_found');
  const delay = opts.immediate ? 0 : deps.policy.keyActivationDelaySeconds * 1000;
  // On the project's time: a test project whose test clock runs ahead activates the key that far ahead too.
  await deps.clocks.refresh(project);
  const newest = (await deps.stores.keys.list(project.project_id)).at(-1);
  const alg = opts.alg ?? (newest ? keyAlg(newest) : undefined);
  return addSigningKey(deps, project.project_id, project.env, deps.clocks.now(project.project_id) + delay, alg);
}
