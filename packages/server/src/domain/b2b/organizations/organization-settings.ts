/**
 * An organization's authentication settings: Stytch's documented defaults, the allowed values of each
 * field, and the rules between them. `applySettings` validates a create or update request against the
 * current settings and returns the new ones; nothing is written until it returns.
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';
import type { EmailImplicitRoleAssignment, OrganizationRecord, OrganizationSettings, RbacRole } from '../../../store/b2b-records.js';
import { ApiError } from '../../errors.js';
import { STYTCH_MEMBER } from '../rbac/default-policy.js';

/** The settings fields of a create or update request: each optional; ids and strings where the record allows null. */
export type OrganizationSettingsInput = { [K in keyof OrganizationSettings]?: Exclude<OrganizationSettings[K], null> | undefined } & {
  email_allowed_domains?: string[] | undefined;
  claimed_email_domains?: string[] | undefined;
};

/** The settings and the two domain lists, which are columns of their own. */
export type SettingsState = Pick<OrganizationRecord, 'settings' | 'email_allowed_domains' | 'claimed_email_domains'>;

/** Stytch's documented defaults for the Organization object; `email_invites` depends on the request, see below. */
export const DEFAULT_SETTINGS: OrganizationSettings = {
  sso_jit_provisioning: 'ALL_ALLOWED',
  sso_jit_provisioning_allowed_connections: [],
  sso_default_connection_id: null,
  email_jit_provisioning: 'NOT_ALLOWED',
  email_invites: 'ALL_ALLOWED',
  auth_methods: 'ALL_ALLOWED',
  allowed_auth_methods: [],
  mfa_policy: 'OPTIONAL',
  mfa_methods: 'ALL_ALLOWED',
  allowed_mfa_methods: [],
  rbac_email_implicit_role_assignments: [],
  oauth_tenant_jit_provisioning: 'NOT_ALLOWED',
  allowed_oauth_tenants: {},
  first_party_connected_apps_allowed_type: 'ALL_ALLOWED',
  allowed_first_party_connected_apps: [],
  third_party_connected_apps_allowed_type: 'ALL_ALLOWED',
  allowed_third_party_connected_apps: [],
};

/**
 * Stytch: "If no Organization authentication setting parameters are passed in, `email_invites` will default to
 * `ALL_ALLOWED` [...]. Otherwise, `email_invites` will default to `NOT_ALLOWED`." Which fields count as
 * authentication settings is not listed; these are the provisioning and method settings (UNVERIFIED).
 */
const AUTH_SETTING_FIELDS = [
  'sso_jit_provisioning',
  'email_allowed_domains',
  'email_jit_provisioning',
  'auth_methods',
  'allowed_auth_methods',
  'oauth_tenant_jit_provisioning',
  'allowed_oauth_tenants',
] as const;

export function createDefaults(input: OrganizationSettingsInput): SettingsState {
  const anyAuthSetting = AUTH_SETTING_FIELDS.some((f) => input[f] !== undefined);
  return { settings: { ...DEFAULT_SETTINGS, email_invites: anyAuthSetting ? 'NOT_ALLOWED' : 'ALL_ALLOWED' }, email_allowed_domains: [], claimed_email_domains: [] };
}

export const AUTH_METHODS = ['sso', 'magic_link', 'email_otp', 'password', 'google_oauth', 'microsoft_oauth', 'slack_oauth', 'github_oauth', 'hubspot_oauth'];
const MFA_METHODS = ['sms_otp', 'totp'];
const OAUTH_TENANT_PROVIDERS = ['slack', 'hubspot', 'github'];
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** Common mailbox providers, which Stytch refuses as organization domains (a short list; Stytch's is longer). */
const COMMON_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com']);

function oneOf(value: string, allowed: readonly string[], type: 'invalid_organization_auth_factor_setting' | 'invalid_organization_mfa_policy', field: string): string {
  if (!allowed.includes(value)) throw new ApiError(type, `${field} must be one of ${allowed.join(', ')}.`);
  return value;
}

function subset(values: string[], allowed: readonly string[], type: 'invalid_organization_allowed_auth_methods' | 'invalid_organization_allowed_mfa_methods'): string[] {
  for (const v of values) if (!allowed.includes(v)) throw new ApiError(type);
  return [...new Set(values)];
}

export function checkDomain(domain: string, type: 'organization_settings_invalid_domain' | 'organization_settings_invalid_claimed_domain'): string {
  const d = domain.trim().toLowerCase();
  if (!DOMAIN.test(d)) throw new ApiError(type, `"${domain.slice(0, 64)}" is not a valid domain.`);
  if (COMMON_DOMAINS.has(d)) throw new ApiError('organization_settings_domain_too_common', `"${d}" is a common email domain.`);
  return d;
}

const domains = (list: string[], type: Parameters<typeof checkDomain>[1]) => [...new Set(list.map((d) => checkDomain(d, type)))];

function oauthTenants(value: JsonObject): JsonObject {
  for (const [provider, tenants] of Object.entries(value)) {
    if (!OAUTH_TENANT_PROVIDERS.includes(provider) || !Array.isArray(tenants) || !tenants.every((t) => typeof t === 'string' && t.length <= 256)) {
      throw new ApiError('invalid_oauth_allowed_tenants_format');
    }
  }
  return value;
}

function implicitRoles(list: EmailImplicitRoleAssignment[], roles: readonly RbacRole[]): EmailImplicitRoleAssignment[] {
  return list.map(({ domain, role_id }) => {
    if (role_id === STYTCH_MEMBER || !roles.some((r) => r.role_id === role_id)) {
      throw new ApiError('invalid_rbac_role_assignment', `rbac_email_implicit_role_assignments: "${role_id.slice(0, 64)}" is not a role members can be given.`);
    }
    return { domain: checkDomain(domain, 'organization_settings_invalid_domain'), role_id };
  });
}

/** Tessera has no SSO connections yet, so no connection id can name one. */
function noConnections(given: string | string[] | undefined, field: string): void {
  if (given !== undefined && given.length > 0) throw new ApiError('invalid_argument', `${field}: this Tessera version has no SSO connections.`);
}

/**
 * Validates `input` over `current` and returns the new settings. `roles` are the roles an implicit
 * assignment may grant (the project's and the organization's).
 */
export function applySettings(current: SettingsState, input: OrganizationSettingsInput, roles: readonly RbacRole[]): SettingsState {
  const s: OrganizationSettings = { ...current.settings };
  const setting = ['ALL_ALLOWED', 'RESTRICTED', 'NOT_ALLOWED'];
  const jit = ['RESTRICTED', 'NOT_ALLOWED'];
  const type = 'invalid_organization_auth_factor_setting';
  noConnections(input.sso_default_connection_id, 'sso_default_connection_id');
  noConnections(input.sso_jit_provisioning_allowed_connections, 'sso_jit_provisioning_allowed_connections');
  if (input.sso_jit_provisioning !== undefined) s.sso_jit_provisioning = oneOf(input.sso_jit_provisioning, setting, type, 'sso_jit_provisioning');
  if (input.email_jit_provisioning !== undefined) s.email_jit_provisioning = oneOf(input.email_jit_provisioning, jit, type, 'email_jit_provisioning');
  if (input.email_invites !== undefined) s.email_invites = oneOf(input.email_invites, setting, type, 'email_invites');
  if (input.auth_methods !== undefined) s.auth_methods = oneOf(input.auth_methods, ['ALL_ALLOWED', 'RESTRICTED'], type, 'auth_methods');
  if (input.allowed_auth_methods !== undefined) s.allowed_auth_methods = subset(input.allowed_auth_methods, AUTH_METHODS, 'invalid_organization_allowed_auth_methods');
  if (input.mfa_policy !== undefined) s.mfa_policy = oneOf(input.mfa_policy, ['REQUIRED_FOR_ALL', 'OPTIONAL'], 'invalid_organization_mfa_policy', 'mfa_policy');
  if (input.mfa_methods !== undefined) s.mfa_methods = oneOf(input.mfa_methods, ['ALL_ALLOWED', 'RESTRICTED'], type, 'mfa_methods');
  if (input.allowed_mfa_methods !== undefined) s.allowed_mfa_methods = subset(input.allowed_mfa_methods, MFA_METHODS, 'invalid_organization_allowed_mfa_methods');
  if (input.rbac_email_implicit_role_assignments !== undefined) s.rbac_email_implicit_role_assignments = implicitRoles(input.rbac_email_implicit_role_assignments, roles);
  if (input.oauth_tenant_jit_provisioning !== undefined) s.oauth_tenant_jit_provisioning = oneOf(input.oauth_tenant_jit_provisioning, jit, type, 'oauth_tenant_jit_provisioning');
  if (input.allowed_oauth_tenants !== undefined) s.allowed_oauth_tenants = oauthTenants(input.allowed_oauth_tenants);
  for (const party of ['first', 'third'] as const) {
    const kind = input[`${party}_party_connected_apps_allowed_type`];
    if (kind !== undefined) s[`${party}_party_connected_apps_allowed_type`] = oneOf(kind, setting, type, `${party}_party_connected_apps_allowed_type`);
    const apps = input[`allowed_${party}_party_connected_apps`];
    if (apps !== undefined) s[`allowed_${party}_party_connected_apps`] = [...new Set(apps)];
  }
  if (s.auth_methods === 'RESTRICTED' && s.allowed_auth_methods.length === 0) throw new ApiError('allowed_auth_methods_required_for_restricted');
  if (s.mfa_methods === 'RESTRICTED' && s.allowed_mfa_methods.length === 0) throw new ApiError('allowed_mfa_methods_required_for_restricted');
  return {
    settings: s,
    email_allowed_domains: input.email_allowed_domains ? domains(input.email_allowed_domains, 'organization_settings_invalid_domain') : current.email_allowed_domains,
    claimed_email_domains: input.claimed_email_domains ? domains(input.claimed_email_domains, 'organization_settings_invalid_claimed_domain') : current.claimed_email_domains,
  };
}
