/**
 * The one registry of Stytch error types Tessera emits: `error_type` -> HTTP status and default message.
 *
 * Types and statuses follow `shared/docs/stytch-api.md` §1.5. Where the contract marks a status
 * UNVERIFIED, the choice made here is what real Stytch most likely does, noted per line.
 * A test (`registry.test.ts` in the server) fails if the server uses a type that is not listed here.
 *
 * @module
 */

const define = <T extends Record<string, readonly [status: number, message: string]>>(t: T) => t;

export const ERROR_REGISTRY = define({
  // --- transport / generic ---
  bad_request: [400, 'The request could not be understood: the body must be a JSON object.'], // malformed JSON (Stytch's generic 400)
  invalid_argument: [400, 'One of the arguments is invalid.'], // wrong type / missing field without a more specific type
  request_too_large: [413, 'The request body is too large.'], // Tessera: body over the configured limit (1 MiB)
  unsupported_media_type: [415, 'The request body must be JSON (Content-Type: application/json).'],
  route_not_found: [404, 'The requested route does not exist.'],
  method_not_allowed: [405, 'This method is not allowed on this route.'],
  too_many_requests: [429, 'Too many requests have been made.'],
  internal_server_error: [
    500,
    'Oops, something seems to have gone wrong, please reach out to the Tessera operators to let us know what went wrong.',
  ],
  service_unavailable: [503, 'The service is temporarily unavailable, please try again.'], // e.g. database unreachable

  project_not_found: [404, 'Project could not be found.'],

  // --- credentials ---
  unauthorized_credentials: [401, 'Unauthorized credentials.'],

  // --- sessions ---
  session_not_found: [404, 'Session could not be found.'],
  too_many_session_arguments: [
    400,
    'Please include at most one of session_token, session_jwt, or intermediate_session_token in an authenticate request, not multiple.',
  ],
  no_session_arguments: [400, 'Please include one of session_token or session_jwt in the request.'],
  too_many_session_revoke_arguments: [400, 'Please include exactly one of session_id, session_token, or session_jwt.'],
  no_session_revoke_arguments: [400, 'Please include one of session_id, session_token, or session_jwt.'],
  invalid_session_token: [400, 'Invalid session token.'],
  invalid_session_id: [400, 'Invalid session_id format.'],
  invalid_session_duration_minutes: [400, 'session_duration_minutes must be between 5 and 527040 (366 days).'],
  unable_to_parse_session_jwt: [400, 'The session_jwt could not be parsed.'],
  jwt_invalid_audience: [400, 'The session_jwt was not issued for this project (aud).'],
  jwt_invalid_issuer: [400, 'The session_jwt has an unexpected issuer (iss).'],
  stytch_claims_in_custom_claims: [400, 'Custom claims may not use keys under the https://stytch.com/ namespace.'],
  custom_claims_too_large: [400, 'Custom claims are limited to 4 KB in total.'],
  unable_to_represent_custom_claims_json: [400, 'session_custom_claims must be a JSON object.'],
  session_user_mismatch: [400, 'The session_token or session_jwt belongs to a different user.'], // Tessera's type: Stytch's is undocumented
  consumer_session_authorization_error: [403, 'The session is not authorized to perform this action.'],

  // --- users ---
  user_not_found: [404, 'User could not be found.'],
  email_not_found: [404, 'Email could not be found.'],
  duplicate_email: [400, 'A user with this email already exists for this project.'], // status UNVERIFIED: Stytch groups it with 400s
  duplicate_phone_number: [400, 'A user with this phone number already exists for this project.'],
  duplicate_external_id: [400, 'A user with this external_id already exists for this project.'],
  invalid_email: [400, 'Email format is invalid.'],
  invalid_phone_number: [400, 'Phone number format is invalid, use E.164 (e.g. +12025550123).'],
  invalid_external_id: [400, 'external_id may contain alphanumerics, ".", "_", "-" or "|", up to 128 characters.'],
  invalid_user_id: [400, 'Invalid user_id format.'],
  missing_email_or_phone_number: [400, 'Please include an email or a phone_number.'],
  invalid_metadata: [400, 'Metadata must be a JSON object of at most 4 KB and nesting depth 10.'],
  invalid_roles: [400, 'roles must be a list of role ids; stytch_ roles are reserved and assigned automatically.'],
  invalid_search_query: [400, 'The search query is invalid.'],
  invalid_cursor: [400, 'The cursor is invalid or expired.'],

  // --- passwords ---
  weak_password: [400, 'Password does not meet the strength requirements.'],
  breached_password: [400, 'Password appears in the list of breached passwords and must be reset.'],
  reset_password: [400, 'Password must be reset.'],
  no_user_password: [400, 'Password not found for this user.'], // status UNVERIFIED
  password_already_exists: [400, 'A password already exists for this user.'],
  invalid_hash_type: [400, 'hash_type is not supported.'],
  invalid_password_hash: [400, 'The password hash or its configuration is malformed for the given hash_type.'],
  session_too_old_to_reset_password: [
    400,
    'The session must have authenticated a password, email magic link or email OTP factor within the last 5 minutes to reset the password.',
  ],
  user_lock_limit_reached: [401, 'This user has been locked out due to too many failed authentication attempts; try again later.'],
} as const);

/** Every `error_type` Tessera can emit. */
export type ErrorType = keyof typeof ERROR_REGISTRY;

export function isErrorType(value: string): value is ErrorType {
  return Object.prototype.hasOwnProperty.call(ERROR_REGISTRY, value);
}

/** Stytch's current `error_url` form: `https://stytch.com/docs/api/errors/<status>#<error_type>`. */
export function errorUrl(type: ErrorType): string {
  return `https://stytch.com/docs/api/errors/${ERROR_REGISTRY[type][0]}#${type}`;
}
