/**
 * The consumer hooks, with the names and envelopes of @stytch/react. Each answers
 * `{ <value>: null, fromCache: false, isInitialized: false }` on the server and on the first client
 * render, then the cached value (`fromCache: true`), then the fresh one (`fromCache: false`).
 *
 * @module
 */
import type { Session, TesseraClient, User } from '@tessera/js';
import { useTesseraContext } from './context.js';
import { useEnvelope } from './internal/envelope.js';
import { type IsAuthorizedEnvelope, useIsAuthorized } from './internal/is-authorized.js';

export function useStytch(): TesseraClient {
  return useTesseraContext('useStytch').client;
}

export function useStytchUser(): { user: User | null; fromCache: boolean; isInitialized: boolean } {
  const { client, hydrated } = useTesseraContext('useStytchUser');
  return useEnvelope(client.store, hydrated, 'user', (d) => d.user);
}

export function useStytchSession(): { session: Session | null; fromCache: boolean; isInitialized: boolean } {
  const { client, hydrated } = useTesseraContext('useStytchSession');
  return useEnvelope(client.store, hydrated, 'session', (d) => d.session);
}

/** Whether the session's roles allow `action` on `resourceId` under the project's RBAC policy. */
export function useStytchIsAuthorized(resourceId: string, action: string): IsAuthorizedEnvelope {
  const { client, hydrated } = useTesseraContext('useStytchIsAuthorized');
  return useIsAuthorized(client.store, client.rbac, hydrated, resourceId, action);
}
