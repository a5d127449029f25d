/**
 * Stytch's B2B sandbox values (test projects only, backend API only, as Stytch states): requests for
 * `sandbox@stytch.com` in the sandbox organization succeed without sending anything, and three fixed magic
 * link tokens answer 200 / 401 / 404 on `/v1/b2b/magic_links/authenticate`. Nothing is stored: the member
 * and organization answered are fixed values (their ids and fields are UNVERIFIED beyond the organization
 * id), and the successful authenticate answers no session (Stytch's sandbox session values are not
 * documented; an empty `session_token`/`session_jwt` and `member_session: null`, as for a consumer sandbox
 * authenticate without a duration).
 *
 * @module
 */

import type { MemberRecord, OrganizationRecord } from '../../store/b2b-records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { DEFAULT_SETTINGS } from '../b2b/organizations/organization-settings.js';

export const SANDBOX_EMAIL = 'sandbox@stytch.com';
export const SANDBOX_ORGANIZATION_ID = 'organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b';
export const SANDBOX_MEMBER_ID = 'member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f';

/** The consumer sandbox's magic link tokens, which Stytch's B2B sandbox shares. */
export const SANDBOX_MAGIC_LINK_TOKENS = {
  ok: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=',
  used: '3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=',
  unknown: 'CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=',
} as const;

const isTest = (ctx: ProjectContext) => ctx.project.env === 'test';

/** A send (login_or_signup, invite, OTP) for the sandbox email in the sandbox organization. */
export const isSandboxSend = (ctx: ProjectContext, organizationId: string, email: string): boolean =>
  isTest(ctx) && organizationId === SANDBOX_ORGANIZATION_ID && email.trim().toLowerCase() === SANDBOX_EMAIL;

/** A discovery send for the sandbox email. */
export const isSandboxDiscoverySend = (ctx: ProjectContext, email: string): boolean => isTest(ctx) && email.trim().toLowerCase() === SANDBOX_EMAIL;

const SANDBOX_CREATED_AT = Date.parse('2023-01-01T00:00:00Z');

export function sandboxOrganization(ctx: ProjectContext): OrganizationRecord {
  return {
    organization_id: SANDBOX_ORGANIZATION_ID,
    project_id: ctx.project.project_id,
    organization_name: 'Sandbox Organization',
    organization_slug: 'sandbox-organization',
    organization_external_id: null,
    organization_logo_url: '',
    trusted_metadata: {},
    settings: { ...DEFAULT_SETTINGS },
    email_allowed_domains: [],
    claimed_email_domains: [],
    custom_roles: [],
    created_at: SANDBOX_CREATED_AT,
    updated_at: SANDBOX_CREATED_AT,
  };
}

export function sandboxMember(ctx: ProjectContext): MemberRecord {
  return {
    member_id: SANDBOX_MEMBER_ID,
    project_id: ctx.project.project_id,
    organization_id: SANDBOX_ORGANIZATION_ID,
    email_address: SANDBOX_EMAIL,
    status: 'active',
    name: '',
    external_id: null,
    trusted_metadata: {},
    untrusted_metadata: {},
    roles: [],
    is_breakglass: false,
    mfa_enrolled: false,
    mfa_phone_number: '',
    mfa_phone_number_verified: false,
    default_mfa_method: '',
    email_address_verified: true,
    password: null,
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
    created_at: SANDBOX_CREATED_AT,
    updated_at: SANDBOX_CREATED_AT,
  };
}

/**
 * The sandbox answer of a magic link authenticate, or null when `token` is not a sandbox token (or the
 * project is live). The used and unknown tokens throw their error types.
 */
export function sandboxMagicLinkAuthenticate(ctx: ProjectContext, token: string): { member: MemberRecord; organization: OrganizationRecord } | null {
  if (!isTest(ctx)) return null;
  if (token === SANDBOX_MAGIC_LINK_TOKENS.used) throw new ApiError('unable_to_auth_magic_link');
  if (token === SANDBOX_MAGIC_LINK_TOKENS.unknown) throw new ApiError('magic_link_not_found');
  if (token !== SANDBOX_MAGIC_LINK_TOKENS.ok) return null;
  return { member: sandboxMember(ctx), organization: sandboxOrganization(ctx) };
}

