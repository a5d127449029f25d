'use client';
/**
 * `@tessera/nextjs/b2b`: the @tessera/react/b2b provider, client factory and hooks as client components.
 *
 * @module
 */
export {
  StytchB2BProvider,
  useStytchB2BClient,
  useStytchMember,
  useStytchMemberSession,
  useStytchOrganization,
  useStytchIsAuthorized,
  createStytchB2BClient,
  createStytchB2BHeadlessClient,
  createTesseraB2BClient,
  type StytchB2BProviderProps,
  type IsAuthorizedEnvelope,
  type TesseraB2BClient,
  type TesseraClientOptions,
  type CookieOptions,
  type Member,
  type MemberSession,
  type Organization,
} from '@tessera/react/b2b';
