/**
 * Stytch-style identifiers: `<kind>-<env>-<uuid4>`, e.g. `user-test-5c360d12-...`.
 * Uses `crypto.randomUUID`, available in Node >= 19, workerd and browsers.
 *
 * @module
 */

export type Env = 'test' | 'live';

export type IdKind =
  | 'project'
  | 'public-token'
  | 'request-id'
  | 'user'
  | 'session'
  | 'email'
  | 'phone-number'
  | 'password'
  | 'jwk'
  | 'organization'
  | 'member'
  | 'm2m-client';

export function newId(kind: IdKind, env: Env): string {
  return `${kind}-${env}-${crypto.randomUUID()}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const cache = new Map<IdKind, RegExp>();

/** True when `value` is an id of `kind` (either environment). */
export function isId(kind: IdKind, value: string): boolean {
  let re = cache.get(kind);
  if (!re) cache.set(kind, (re = new RegExp(`^${kind}-(test|live)-${UUID}$`)));
  return re.test(value);
}

/** The environment encoded in a project id (`project-live-...` is live, anything else test, as the Node SDK does). */
export function envOfProject(projectId: string): Env {
  return projectId.startsWith('project-live-') ? 'live' : 'test';
}
