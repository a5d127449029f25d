import type { KeyRing } from '../../crypto/key-ring.js';
import type { Deps } from '../context.js';

/** The project's signing keys (which signs now, which JWKS publishes and verifies), cached by `deps.keys`. */
export function keyRingOf(deps: Pick<Deps, 'keys' | 'stores'>, projectId: string): Promise<KeyRing> {
  return deps.keys.ring(deps.stores.keys, projectId);
}
