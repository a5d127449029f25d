/**
 * The one registry of Stytch error types Tessera emits: `error_type` -> HTTP status and default message.
 *
 * Types and statuses follow Stytch's API reference. Where the contract marks a status
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
  request_headers_too_large: [431, 'The request line or headers are too large.'], // Tessera: Node's 16 KiB header limit
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
  test_clock_not_allowed: [403, 'The test clock is only available on test projects.'], // Tessera extension (issue #16): /v1/test/clock* on a live project

  // --- credentials ---
  unauthorized_credentials: [401, 'Unauthorized credentials.'],
  user_unauthenticated: [401, 'Must have an active session to call this method.'], // frontend API (/sdk/v1) session routes without a session; message as the SDK shows it

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

  // --- B2B ---
  // Types are Stytch's (the B2B `StytchAPIErrorType` list); statuses follow the name where no source gives one.
  organization_not_found: [404, 'Organization could not be found.'],
  member_not_found: [404, 'Member could not be found.'],
  organization_name_missing: [400, 'organization_name is required.'],
  invalid_organization_name: [400, 'organization_name must be between 1 and 128 characters.'],
  // Message as real Stytch sends it.
  invalid_organization_slug: [
    400,
    "The organization_slug must be at least 2 characters long and may only contain alphanumerics and the reserved characters '-', '.', '_', or '~'. At least one character must be alphanumeric.",
  ],
  organization_slug_already_used: [400, 'The provided organization_slug is already used in another organization.'], // message as real Stytch sends it
  duplicate_organization: [400, 'An organization with this organization_external_id already exists in this project.'], // UNVERIFIED: Stytch's type for a taken external id
  organization_logo_url_too_long: [400, 'organization_logo_url is limited to 2048 characters.'],
  invalid_organization_auth_factor_setting: [400, 'The setting must be one of ALL_ALLOWED, RESTRICTED or NOT_ALLOWED.'],
  invalid_organization_mfa_policy: [400, 'mfa_policy must be REQUIRED_FOR_ALL or OPTIONAL.'],
  invalid_organization_allowed_auth_methods: [
    400,
    'allowed_auth_methods may contain sso, magic_link, email_otp, password, google_oauth, microsoft_oauth, slack_oauth, github_oauth and hubspot_oauth.',
  ],
  invalid_organization_allowed_mfa_methods: [400, 'allowed_mfa_methods may contain sms_otp and totp.'],
  allowed_auth_methods_required_for_restricted: [400, 'auth_methods RESTRICTED needs a non-empty allowed_auth_methods.'],
  allowed_mfa_methods_required_for_restricted: [400, 'mfa_methods RESTRICTED needs a non-empty allowed_mfa_methods.'],
  organization_settings_invalid_domain: [400, 'email_allowed_domains contains an invalid domain.'],
  organization_settings_invalid_claimed_domain: [400, 'claimed_email_domains contains an invalid domain.'],
  organization_settings_domain_too_common: [400, 'Common email domains such as gmail.com cannot be used as allowed or claimed domains.'],
  invalid_oauth_allowed_tenants_format: [400, 'allowed_oauth_tenants maps slack, hubspot or github to a list of tenant ids.'],
  duplicate_member_email: [400, 'A member with this email address already exists in this organization.'],
  duplicate_member_external_id: [400, 'A member with this external_id already exists in this organization.'],
  invalid_member_get_fields: [400, 'Please include exactly one of member_id or email_address.'],
  invalid_mfa_default_method: [400, 'default_mfa_method must be sms_otp or totp.'],
  invalid_rbac_role_assignment: [400, 'roles may only name roles of the project RBAC policy or of the organization.'],
  cannot_assign_default_rbac_role_id: [400, 'stytch_member is granted to every member implicitly and cannot be assigned.'],
  no_deleted_member_found_for_reactivation: [404, 'No deleted member was found to reactivate.'],
  reactivation_email_belongs_to_another_member: [400, "The member's email address now belongs to another member of the organization."],
  member_search_organization_ids_empty: [400, 'organization_ids must name at least one organization.'],
  member_search_filter_name_not_recognized: [400, 'The member search filter_name is not recognized.'],
  member_search_expected_array_of_strings: [400, 'The member search filter needs a list of strings.'],
  member_search_expected_boolean: [400, 'The member search filter needs a boolean.'],
  member_search_expected_string: [400, 'The member search filter needs a string of 3 to 256 characters.'],
  organization_search_filter_name_not_recognized: [400, 'The organization search filter_name is not recognized.'],
  organization_search_expected_array_of_strings: [400, 'The organization search filter needs a list of strings.'],
  organization_search_expected_string: [400, 'The organization search filter needs a string of 3 to 256 characters.'],
  member_password_not_found: [404, 'Password not found for this member.'], // status UNVERIFIED
  member_reset_password: [400, 'The member must reset their password.'], // status UNVERIFIED
  intermediate_session_not_found: [404, 'Intermediate session could not be found.'],
  operation_restricted_by_organization_auth_methods: [403, "The organization's allowed_auth_methods do not include this method."], // status UNVERIFIED
  // Messages as the official Go SDK's local check words them (stytch-go stytcherror).
  session_authorization_error: [403, 'The Member is not authorized to perform the requested action on that resource.'],
  session_authorization_tenancy_error: [403, 'The Member belongs to a different organization than the one the request is for.'],
  cannot_update_trusted_metadata: [403, 'trusted_metadata cannot be updated when acting as a Member (with a member session header).'],
  member_cannot_update_their_email_address: [403, 'Members cannot update their own email address.'],
  // RBAC policy validation (`PUT /v1/b2b/rbac/policy`, `tessera rbac set`, organization custom roles).
  empty_rbac_resource_id: [400, 'A resource needs a resource_id.'],
  empty_rbac_role_id: [400, 'A role needs a role_id.'],
  empty_rbac_scope: [400, 'A scope needs a scope name.'],
  rbac_resource_id_too_long: [400, 'resource_id is limited to 128 characters.'],
  rbac_role_id_too_long: [400, 'role_id is limited to 128 characters.'],
  rbac_scope_too_long: [400, 'scope is limited to 128 characters.'],
  rbac_action_too_long: [400, 'An action is limited to 128 characters.'],
  rbac_description_too_long: [400, 'A description is limited to 1024 characters.'],
  rbac_resource_duplicate: [400, 'Two resources have the same resource_id.'],
  rbac_role_duplicate: [400, 'Two roles have the same role_id.'],
  rbac_scope_duplicate: [400, 'Two scopes have the same name.'],
  rbac_action_duplicate: [400, 'An action is listed twice.'],
  rbac_resource_missing_actions: [400, 'A resource needs at least one action.'],
  rbac_role_missing_permissions: [400, 'A role needs at least one permission.'],
  rbac_scope_missing_permissions: [400, 'A scope needs at least one permission.'],
  rbac_permission_missing_actions: [400, 'A permission needs at least one action.'],
  invalid_permission_resource: [400, 'A permission names a resource the policy does not define.'],
  invalid_permission_action: [400, 'A permission names an action its resource does not define.'],
  invalid_wildcard_action: [400, 'The "*" action grants every action and cannot be combined with others, nor listed among a resource\'s actions.'],
  invalid_stytch_prefixed_resource: [400, 'resource_ids starting with "stytch" are reserved for Stytch\'s default resources, which cannot be changed.'],
  invalid_rbac_role_id: [400, 'role_ids may contain letters, digits and . _ : - ; ids starting with stytch_ other than stytch_admin and stytch_member are reserved.'],
  // --- passwordless and email (magic links, email OTP, password reset by email, discovery) ---
  unable_to_auth_magic_link: [
    401,
    'The magic link could not be authenticated because it was either already used or expired. Send another magic link to this user.',
  ],
  magic_link_not_found: [404, 'The magic link could not be authenticated, try sending another magic link to the user.'],
  unable_to_auth_otp_code: [401, 'The one-time passcode is incorrect, already used or expired.'], // status UNVERIFIED
  otp_code_not_found: [404, 'Invalid passcode, please try again.'], // status UNVERIFIED; message as the frontend SDK shows it
  invalid_code: [400, 'The one-time passcode must be 6 digits.'],
  invalid_method_id: [400, 'The method_id is invalid.'],
  invalid_expiration_minutes: [400, 'The expiration minutes are out of the allowed range.'], // Tessera's name; Stytch's UNVERIFIED
  invalid_magic_link_url: [400, 'The magic link URL is invalid: it must be an absolute http(s) URL.'], // UNVERIFIED
  no_magic_link_url: [400, 'No magic link URL was given and the project has no default.'], // Tessera: no default redirect URL
  unable_to_auth_password_reset_token: [401, 'The password reset token could not be authenticated: it was already used or expired.'], // status UNVERIFIED
  password_reset_token_not_found: [404, 'The password reset token could not be found.'], // Tessera's name; UNVERIFIED
  pkce_mismatch: [400, 'The code_verifier does not match the code_challenge sent with the request that started this flow.'],
  pkce_expected_code_verifier: [400, 'This flow was started with a code_challenge: a code_verifier is required.'],
  pkce_did_not_expect_code_verifier: [400, 'This flow was started without a code_challenge: no code_verifier was expected.'],
  attribute_mismatch: [401, 'The IP address or user agent does not match the one the flow was started with.'],
  invite_not_allowed: [400, 'This email already belongs to an active user; invites are for new or pending users.'], // Tessera's name
  // Tessera's own: it has no SMS or WhatsApp provider, so phone codes exist only on test projects (local outbox).
  phone_number_not_found: [404, 'No user has this phone number.'], // otps/sms|whatsapp/send without a user; status UNVERIFIED
  sms_delivery_not_configured: [
    400,
    'This server has no SMS or WhatsApp provider configured; phone one-time passcodes are available on test projects only.',
  ],
  // B2B passwordless and discovery. Types from the official SDKs' error enum; statuses UNVERIFIED (chosen
  // as Stytch groups refusals by organization policy: 403).
  email_jit_provisioning_not_allowed: [403, 'This organization does not allow new members to join by email (email_jit_provisioning is NOT_ALLOWED).'],
  invalid_email_for_jit_provisioning: [403, "The email address's domain is not among the organization's email_allowed_domains."],
  invalid_email_for_invites: [403, 'This organization does not allow invites to this email address (email_invites).'],
  test_outbox_not_allowed: [403, 'The local outbox is only readable on test projects.'],
  // Tessera's own (issue #19): project secrets managed from the admin console.
  secret_not_found: [404, 'The project has no secret with this id.'],
  cannot_remove_last_secret: [400, "A project's last secret cannot be removed; add a new one first."],
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
