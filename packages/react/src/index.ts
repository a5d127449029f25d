/**
 * `@tessera/react`: provider, client factory and hooks with the names of @stytch/react (B2B at
 * `@tessera/react/b2b`).
 *
 * @module
 */
import { createTesseraClient } from '@tessera/js';

export { StytchProvider, type StytchProviderProps } from './provider.js';
export { useStytch, useStytchUser, useStytchSession, useStytchIsAuthorized } from './hooks.js';
export type { IsAuthorizedEnvelope } from './internal/is-authorized.js';
export { createTesseraClient };
/** The official name of the client factory (`createTesseraClient`). */
export const createStytchClient = createTesseraClient;
/** The official name of the headless client factory (`createTesseraClient`). */
export const createStytchHeadlessClient = createTesseraClient;
export type { TesseraClient, TesseraClientOptions, CookieOptions, Session, User } from '@tessera/js';
