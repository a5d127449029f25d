/**
 * `@tessera/react/b2b`: B2B provider, client factory and hooks with the names of @stytch/react/b2b.
 *
 * @module
 */
import { createTesseraB2BClient } from '@tessera/js/b2b';

export { StytchB2BProvider, type StytchB2BProviderProps } from './provider.js';
export { useStytchB2BClient, useStytchMember, useStytchMemberSession, useStytchOrganization, useStytchIsAuthorized } from './hooks.js';
export type { IsAuthorizedEnvelope } from '../internal/is-authorized.js';
export { createTesseraB2BClient };
/** The official name of the B2B client factory (`createTesseraB2BClient`). */
export const createStytchB2BClient = createTesseraB2BClient;
/** The official name of the headless B2B client factory (`createTesseraB2BClient`). */
export const createStytchB2BHeadlessClient = createTesseraB2BClient;
export type { TesseraB2BClient, Member, MemberSession, Organization } from '@tessera/js/b2b';
export type { TesseraClientOptions, CookieOptions } from '@tessera/js';
