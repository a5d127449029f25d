/**
 * `@tessera/js/b2b`: the B2B browser client.
 *
 * @module
 */
export { createTesseraB2BClient, type TesseraB2BClient } from './client.js';
export type { B2BSessionClient } from './session.js';
export type { B2BPasswordsClient } from './passwords.js';
export type { SelfClient } from './self.js';
export type { OrganizationClient } from './organization.js';
export { rolesInOrganization } from './rbac.js';
export type {
  B2BState,
  B2BAuthenticateResponse,
  B2BSessionAuthenticateResponse,
  B2BPasswordStrengthCheckResponse,
  MemberResponse,
  MemberSearchOptions,
  MemberSearchResponse,
  OrganizationResponse,
  Member,
  MemberSession,
  Organization,
} from './types.js';
export { TesseraAPIError, TesseraAPIUnreachableError, TesseraSSRError, UNRECOVERABLE_ERROR_TYPES, isUnrecoverableError } from '../errors.js';
export type { TesseraClientOptions, CookieOptions, Timers } from '../options.js';
export type { ClientState } from '../internal/state-store.js';
export type { ReadonlyStore } from '../internal/readonly-store.js';
export type { RBACClient } from '../rbac.js';
export type { Policy, PolicyRole } from '../rbac/policy.js';
