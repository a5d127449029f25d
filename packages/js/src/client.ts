/**
 * `createTesseraClient(publicToken, options)`: the consumer browser client, with the method names of
 * Stytch's headless SDK for what Tessera's frontend API serves (sessions, passwords, users/me).
 *
 * On a server (no `window`) it is inert: no state, no timer, no request; methods that call the API reject
 * with `TesseraSSRError`. In the browser it reads the cached state at once (`fromCache: true`) and, when
 * there is a cached session or a session cookie, authenticates it in the background.
 *
 * @example
 * ```ts
 * const client = createTesseraClient('public-token-test-...', { baseUrl: 'https://auth.example.com' });
 * await client.passwords.authenticate({ email, password, session_duration_minutes: 60 });
 * client.session.getSync(); // the Session
 * ```
 * @module
 */
import { consumerVertical } from './consumer-vertical.js';
import { browserEnv } from './internal/env.js';
import { readonly, type ReadonlyStore } from './internal/readonly-store.js';
import { SessionCore } from './internal/session-core.js';
import { resolveOptions, type TesseraClientOptions } from './options.js';
import { passwordsClient, type PasswordsClient } from './passwords.js';
import { PolicySource } from './rbac/policy-source.js';
import { rbacClient, type RBACClient } from './rbac.js';
import { sessionClient, type SessionClient } from './session.js';
import type { ConsumerState } from './types.js';
import { userClient, type UserClient } from './user.js';

export interface TesseraClient {
  readonly session: SessionClient;
  readonly passwords: PasswordsClient;
  readonly user: UserClient;
  readonly rbac: RBACClient;
  /** The state as framework bindings read it (`{ data: { session, user } | null, fromCache }`). */
  readonly store: ReadonlyStore<ConsumerState>;
  /** Whether this client runs in a browser (false while rendering on a server). */
  readonly isBrowser: boolean;
  /** Stops the refresh timer and cross-tab listeners. */
  close(): void;
}

export function createTesseraClient(publicToken: string, options: TesseraClientOptions = {}): TesseraClient {
  const resolved = resolveOptions(publicToken, options);
  const env = browserEnv(options.storage);
  const core = new SessionCore<ConsumerState>(resolved, consumerVertical, env, 'consumer');
  const policy = new PolicySource(core, publicToken, env?.storage ?? null);
  return Object.freeze({
    session: sessionClient(core),
    passwords: passwordsClient(core),
    user: userClient(core),
    rbac: rbacClient(core, policy),
    store: readonly(core.store),
    isBrowser: core.isBrowser,
    close: () => core.close(),
  });
}
