/**
 * `@tessera/js`: the browser client of Tessera's frontend API (consumer; B2B at `@tessera/js/b2b`).
 *
 * @module
 */
export { createTesseraClient, type TesseraClient } from './client.js';
export type { SessionClient } from './session.js';
export type { PasswordsClient } from './passwords.js';
export type { UserClient } from './user.js';
export type { RBACClient } from './rbac.js';
export { isAuthorizedBy, permissionsOf, type Policy, type PolicyRole, type PolicyPermission, type PolicyResource } from './rbac/policy.js';
export { TesseraAPIError, TesseraAPIUnreachableError, TesseraSSRError, UNRECOVERABLE_ERROR_TYPES, isUnrecoverableError } from './errors.js';
export type { TesseraClientOptions, CookieOptions, Timers } from './options.js';
export type { ClientState } from './internal/state-store.js';
export type { ReadonlyStore } from './internal/readonly-store.js';
export { REFRESH_INTERVAL_MS, backoffDelay } from './internal/session-core.js';
export { serializeCookie, cookieAttributes } from './internal/cookies.js';
export type {
  ConsumerState,
  AuthenticateResponse,
  SessionAuthenticateResponse,
  PasswordCreateResponse,
  PasswordStrengthCheckResponse,
  UserUpdateResponse,
  ResponseCommon,
  SessionDurationOptions,
  InfoOf,
  Session,
  User,
  UserName,
} from './types.js';
