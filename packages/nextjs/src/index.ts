'use client';
/**
 * `@tessera/nextjs`: the @tessera/react provider, client factory and hooks as client components (this
 * module starts with 'use client'). Server helpers are at `@tessera/nextjs/server`; B2B at
 * `@tessera/nextjs/b2b`.
 *
 * @module
 */
export {
  StytchProvider,
  useStytch,
  useStytchUser,
  useStytchSession,
  useStytchIsAuthorized,
  createStytchClient,
  createStytchHeadlessClient,
  createTesseraClient,
  type StytchProviderProps,
  type IsAuthorizedEnvelope,
  type TesseraClient,
  type TesseraClientOptions,
  type CookieOptions,
  type Session,
  type User,
} from '@tessera/react';
