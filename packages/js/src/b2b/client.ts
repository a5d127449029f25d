/**
 * `createTesseraB2BClient(publicToken, options)`: the B2B browser client, with the method names of
 * Stytch's headless B2B SDK for what Tessera's frontend API serves (member sessions, passwords,
 * organizations/me, members/me, member search). Inert on a server, like the consumer client.
 *
 * @example
 * ```ts
 * const client = createTesseraB2BClient('public-token-test-...', { baseUrl: 'https://auth.example.com' });
 * await client.passwords.authenticate({ organization_id, email_address, password, session_duration_minutes: 60 });
 * client.self.getSync(); // the Member
 * ```
 * @module
 */
import { browserEnv } from '../internal/env.js';
import { readonly, type ReadonlyStore } from '../internal/readonly-store.js';
import { SessionCore } from '../internal/session-core.js';
import { resolveOptions, type TesseraClientOptions } from '../options.js';
import { PolicySource } from '../rbac/policy-source.js';
import type { RBACClient } from '../rbac.js';
import { b2bVertical } from './b2b-vertical.js';
import { organizationClient, type OrganizationClient } from './organization.js';
import { b2bPasswordsClient, type B2BPasswordsClient } from './passwords.js';
import { b2bRbacClient } from './rbac.js';
import { selfClient, type SelfClient } from './self.js';
import { b2bSessionClient, type B2BSessionClient } from './session.js';
import type { B2BState } from './types.js';

export interface TesseraB2BClient {
  readonly session: B2BSessionClient;
  readonly passwords: B2BPasswordsClient;
  readonly self: SelfClient;
  readonly organization: OrganizationClient;
  readonly rbac: RBACClient;
  /** The state as framework bindings read it (`{ data: { session, member, organization } | null, fromCache }`). */
  readonly store: ReadonlyStore<B2BState>;
  readonly isBrowser: boolean;
  close(): void;
}

export function createTesseraB2BClient(publicToken: string, options: TesseraClientOptions = {}): TesseraB2BClient {
  const resolved = resolveOptions(publicToken, options);
  const env = browserEnv(options.storage);
  const core = new SessionCore<B2BState>(resolved, b2bVertical, env, 'b2b');
  const policy = new PolicySource(core, publicToken, env?.storage ?? null);
  return Object.freeze({
    session: b2bSessionClient(core),
    passwords: b2bPasswordsClient(core),
    self: selfClient(core),
    organization: organizationClient(core),
    rbac: b2bRbacClient(core, policy),
    store: readonly(core.store),
    isBrowser: core.isBrowser,
    close: () => core.close(),
  });
}
