import type { Env } from '@tessera/core';
import type { SigningAlg } from '../../crypto/jwt-signing.js';
import type { SigningKeyRecord } from '../../store/records.js';
import type { Deps } from '../context.js';

/**
 * Generates a signing key for the project (crypto/key-ring.ts), stores it, and drops the cached ring so
 * the key is published at once; it signs from `activatesAt` (project time), with `alg` (RS256 by default).
 */
export async function addSigningKey(
  deps: Pick<Deps, 'keys' | 'stores'>,
  projectId: string,
  env: Env,
  activatesAt: number,
  alg?: SigningAlg,
): Promise<SigningKeyRecord> {
  const record = await deps.keys.generate(projectId, env, activatesAt, alg);
  await deps.stores.keys.insert(record);
  deps.keys.invalidate(projectId);
  return record;
}
