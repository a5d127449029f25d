/**
 * The B2B hooks, with the names and envelopes of @stytch/react/b2b (three steps: uninitialised, cached,
 * fresh; see the consumer hooks).
 *
 * @module
 */
import type { Member, MemberSession, Organization, TesseraB2BClient } from '@tessera/js/b2b';
import { useEnvelope } from '../internal/envelope.js';
import { type IsAuthorizedEnvelope, useIsAuthorized } from '../internal/is-authorized.js';
import { useTesseraB2BContext } from './context.js';

export function useStytchB2BClient(): TesseraB2BClient {
  return useTesseraB2BContext('useStytchB2BClient').client;
}

export function useStytchMember(): { member: Member | null; fromCache: boolean; isInitialized: boolean } {
  const { client, hydrated } = useTesseraB2BContext('useStytchMember');
  return useEnvelope(client.store, hydrated, 'member', (d) => d.member);
}

export function useStytchMemberSession(): { session: MemberSession | null; fromCache: boolean; isInitialized: boolean } {
  const { client, hydrated } = useTesseraB2BContext('useStytchMemberSession');
  return useEnvelope(client.store, hydrated, 'session', (d) => d.session);
}

export function useStytchOrganization(): { organization: Organization | null; fromCache: boolean; isInitialized: boolean } {
  const { client, hydrated } = useTesseraB2BContext('useStytchOrganization');
  return useEnvelope(client.store, hydrated, 'organization', (d) => d.organization);
}

/** Whether the member's roles allow `action` on `resourceId` (project policy plus the organization's roles). */
export function useStytchIsAuthorized(resourceId: string, action: string): IsAuthorizedEnvelope {
  const { client, hydrated } = useTesseraB2BContext('useStytchIsAuthorized');
  return useIsAuthorized(client.store, client.rbac, hydrated, resourceId, action);
}
