/**
 * Runtime-neutral local verification of session JWTs, shared by `@tessera/node` and the edge middleware.
 *
 * @module
 */
export { ClientError, type ClientErrorCode } from './client-error.js';
export { ClockSkewMonitor, type ClockSkew, type ClockSkewMonitorOptions } from './clock-skew.js';
export { JwksCache, JwksFetchError, JwksNoMatchingKeyError, type JwksCacheOptions } from './jwks-cache.js';
export { KeySet, UnsupportedAlgorithmError, AmbiguousKeyError, type JwkInput, type KeyHeader } from './key-set.js';
export { isolatesRequestIo, isWorkerd, nodeBuiltins, type NodeBuiltins } from './runtime.js';
export { nodeJwtVerifier, JwtRejected, type CompactJwtVerifier } from './node-jwt-verify.js';
export { sessionFromClaims } from './session-from-claims.js';
export { memberSessionFromClaims } from './member-session-from-claims.js';
export {
  SessionVerifier,
  joseJwtVerifier,
  trimTrailingSlash,
  type SessionVerifierOptions,
  type VerifyJwtOptions,
} from './session-verifier.js';
