export { ERROR_REGISTRY, errorUrl, isErrorType, type ErrorType } from './errors/registry.js';
export { errorBody, type ErrorBody } from './errors/body.js';
export { newId, isId, envOfProject, type Env, type IdKind } from './ids.js';
export { rfc3339, systemClock, type Clock } from './time.js';
export { encodeBase64url, decodeBase64url } from './base64url.js';
export {
  SESSION_CLAIM,
  ORGANIZATION_CLAIM,
  RESERVED_CLAIMS,
  SESSION_JWT_TTL_SECONDS,
  issuerFor,
  factorForClaim,
  buildSessionJwtPayload,
  type SessionClaim,
  type SessionJwtPayload,
} from './jwt/claims.js';
export type {
  JsonObject,
  SessionAttributes,
  EmailFactor,
  PhoneNumberFactor,
  AuthenticationFactor,
  Session,
  UserEmail,
  UserPhoneNumber,
  UserName,
  UserPassword,
  User,
  Jwk,
  RsaJwk,
  EcJwk,
  OkpJwk,
  Envelope,
  LUDSRequirements,
} from './wire.js';
export {
  ClientError,
  ClockSkewMonitor,
  JwksCache,
  JwksFetchError,
  JwksNoMatchingKeyError,
  KeySet,
  UnsupportedAlgorithmError,
  AmbiguousKeyError,
  SessionVerifier,
  sessionFromClaims,
  trimTrailingSlash,
  isolatesRequestIo,
  isWorkerd,
  nodeBuiltins,
  nodeJwtVerifier,
  joseJwtVerifier,
  JwtRejected,
  type CompactJwtVerifier,
  type NodeBuiltins,
  type ClientErrorCode,
  type ClockSkew,
  type ClockSkewMonitorOptions,
  type JwksCacheOptions,
  type JwkInput,
  type KeyHeader,
  type SessionVerifierOptions,
  type VerifyJwtOptions,
} from './verify/index.js';
export { memberSessionFromClaims } from './verify/index.js';
export type {
  OrganizationClaim,
  EmailImplicitRoleAssignment,
  CustomRolePermission,
  CustomRole,
  Organization,
  MemberRoleSource,
  MemberRole,
  Member,
  MemberSession,
} from './b2b-wire.js';
export { isAuthorizedBy, type Policy, type PolicyPermission, type PolicyResource, type PolicyRole, type PolicyScope } from './rbac.js';
export {
  RevocationList,
  REVOCATION_LEEWAY_SECONDS,
  REVOCATION_RETAIN_SECONDS,
  type Revocation,
  type RevocationsResponse,
} from './revocations.js';
