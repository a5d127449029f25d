/**
 * `@tessera/node`: the backend SDK for Tessera. Swap `from 'stytch'` for `from '@tessera/node'` and pass
 * the server's URL as `env` (or `base_url`); method names, arguments, results and error fields stay the same.
 *
 * @module
 */
import { B2BClient } from './b2b/client.js';
import { Client } from './client.js';

export { Client, B2BClient };
export type { ClientConfig } from './config.js';
export { RevocationGuard, DEFAULT_MAX_STALENESS_MS, type RevocationOptions } from './revocations.js';
export { RevocationList, REVOCATION_RETAIN_SECONDS, type Revocation, type RevocationsResponse } from '@tessera/core';
export { Users } from './users.js';
export { UserSearchIterator } from './user-search-iterator.js';
export { Passwords, ExistingPassword, PasswordSessions } from './passwords.js';
export { Sessions } from './sessions.js';
export { B2BOrganizations } from './b2b/organizations.js';
export { B2BMembers } from './b2b/members.js';
export { B2BPasswords } from './b2b/passwords.js';
export { B2BSessions } from './b2b/sessions.js';
export { B2BRBAC, B2BRBACOrganizations } from './b2b/rbac.js';
export {
  TesseraError,
  TesseraRequestError,
  ClientError,
  type ClientErrorCode,
  type TesseraErrorJSON,
  type OAuth2ErrorJSON,
  type RequestFailure,
  type FailedRequest,
} from './errors.js';
// The official package's names for the same classes, so `instanceof StytchError` survives the switch.
export { TesseraError as StytchError, TesseraRequestError as RequestError } from './errors.js';
export * as envs from './envs.js';
export type { ClockSkew } from '@tessera/core';
export type { Session, User, Jwk, AuthenticationFactor, JsonObject } from '@tessera/core';
export type {
  Organization,
  Member,
  MemberRole,
  MemberRoleSource,
  MemberSession,
  CustomRole,
  CustomRolePermission,
  EmailImplicitRoleAssignment,
} from '@tessera/core';
export type { Authorization, MethodOptions } from './http/method-options.js';
export type * from './types/common.js';
export type * from './types/users.js';
export type * from './types/passwords.js';
export type * from './types/sessions.js';
export type * from './types/rbac.js';
export type * from './b2b/types/organizations.js';
export type * from './b2b/types/members.js';
export type * from './b2b/types/passwords.js';
export type * from './b2b/types/sessions.js';
export type * from './b2b/types/rbac.js';

/** `import stytch from 'stytch'; new stytch.Client(...)` (or `B2BClient`) keeps working as a default import. */
export default { Client, B2BClient };
