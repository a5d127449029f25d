/**
 * `@tessera/node`: the backend SDK for Tessera. Swap `from 'stytch'` for `from '@tessera/node'` and pass
 * the server's URL as `env` (or `base_url`); method names, arguments, results and error fields stay the same.
 *
 * @module
 */
import { Client } from './client.js';

export { Client };
export type { ClientConfig } from './config.js';
export { Users } from './users.js';
export { UserSearchIterator } from './user-search-iterator.js';
export { Passwords, ExistingPassword, PasswordSessions } from './passwords.js';
export { Sessions } from './sessions.js';
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
export type * from './types/common.js';
export type * from './types/users.js';
export type * from './types/passwords.js';
export type * from './types/sessions.js';
export type * from './types/rbac.js';

/** `import stytch from 'stytch'; new stytch.Client(...)` keeps working as a default import. */
export default { Client };
