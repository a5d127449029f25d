import type { Env } from '@tessera/core';
import type { SigningKeyRecord } from '../../store/records.js';
import type { Deps } from '../context.js';

/**
 * Generates a signing key for the project (crypto/key-ring.ts), stores it, and drops the cached ring so
 * the key is published at once; it signs from `activatesAt` (project time).
 */
export async function addSigningKey(deps: Pick<Deps, 'keys' | 'stores'>, projectId: string, env: Env, activatesAt: number): Promise<SigningKeyRecord> {
  const record = await deps.keys.generate(projectId, env, activatesAt);
  await deps.stores.keys.insert(record);
  deps.keys.invalidate(projectId);
  return record;
}
