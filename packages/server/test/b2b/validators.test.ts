import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/errors.js';
import { memberRoles } from '../../src/domain/b2b/members/member-roles.js';
import { checkAssignableRoles, checkDefaultMfaMethod } from '../../src/domain/b2b/members/validate-member.js';
import { parseMemberOperand } from '../../src/domain/b2b/members/search-members.js';
import { applySettings, createDefaults } from '../../src/domain/b2b/organizations/organization-settings.js';
import { parseOrganizationOperand } from '../../src/domain/b2b/organizations/search-organizations.js';
import { checkOrganizationName, checkSlug, slugFromName } from '../../src/domain/b2b/organizations/validate-organization.js';
import { DEFAULT_POLICY, STYTCH_ROLES } from '../../src/domain/b2b/rbac/default-policy.js';
import { grantingRoles } from '../../src/domain/b2b/rbac/granting-roles.js';
import { validatePolicy } from '../../src/domain/b2b/rbac/validate-policy.js';
import { parseAuthorizationCheck } from '../../src/domain/b2b/sessions/authorization-check.js';
import { missingSteps } from '../../src/domain/b2b/sessions/pending-authentication.js';
import type { MemberRecord, OrganizationRecord } from '../../src/store/b2b-records.js';

function errorType(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err.type;
    throw err;
  }
  return undefined;
}

const org = (over: Partial<OrganizationRecord['settings']> = {}): OrganizationRecord => ({
  organization_id: 'organization-test-1',
  project_id: 'p',
  organization_name: 'o',
  organization_slug: 'o',
  organization_external_id: null,
  organization_logo_url: '',
  trusted_metadata: {},
  ...createDefaults({}),
  settings: { ...createDefaults({}).settings, ...over },
  custom_roles: [],
  created_at: 0,
  updated_at: 0,
});

const member = (over: Partial<MemberRecord> = {}) => ({ member_id: 'm', email_address: 'ada@acme.example', roles: [], is_breakglass: false, mfa_enrolled: false, mfa_phone_number: '', ...over }) as MemberRecord;
const password = { type: 'password', delivery_method: 'knowledge', created_at: 0, updated_at: 0, last_authenticated_at: 0 };

describe('organization validators', () => {
  it('checkSlug follows Stytch\'s rule (2-128 of alphanumerics and - . _ ~, one alphanumeric at least)', () => {
    for (const ok of ['ab', 'A1', 'a.b_c~d-e', 'x'.repeat(128)]) expect(checkSlug(ok)).toBe(ok);
    for (const bad of ['', 'a', '--', '~~~', 'x'.repeat(129), 'a b', 'a/b', 'é1']) expect(errorType(() => checkSlug(bad))).toBe('invalid_organization_slug');
  });
  it('checkOrganizationName', () => {
    expect(errorType(() => checkOrganizationName(undefined))).toBe('organization_name_missing');
    expect(errorType(() => checkOrganizationName('   '))).toBe('organization_name_missing');
    expect(errorType(() => checkOrganizationName('x'.repeat(129)))).toBe('invalid_organization_name');
    expect(checkOrganizationName('Acme')).toBe('Acme');
  });
  it('slugFromName derives a valid slug, with a suffix when taken or unusable', async () => {
    expect(await slugFromName('Acme, Inc.', async () => false)).toBe('acme-inc.');
    expect(await slugFromName('Acme', async () => true)).toMatch(/^acme-[0-9a-f]{8}$/);
    expect(await slugFromName('日本', async () => false)).toMatch(/^org-[0-9a-f]{8}$/);
    expect(checkSlug(await slugFromName('x'.repeat(300), async () => false))).toBeTruthy();
  });
  it('applySettings validates against the current settings and the rules between fields', () => {
    const base = createDefaults({});
    expect(errorType(() => applySettings(base, { auth_methods: 'RESTRICTED' }, []))).toBe('allowed_auth_methods_required_for_restricted');
    expect(applySettings({ ...base, settings: { ...base.settings, allowed_auth_methods: ['sso'] } }, { auth_methods: 'RESTRICTED' }, []).settings.auth_methods).toBe('RESTRICTED');
    expect(applySettings(base, { allowed_mfa_methods: ['totp', 'totp'] }, []).settings.allowed_mfa_methods).toEqual(['totp']);
    expect(applySettings(base, { email_allowed_domains: [' Acme.Example ', 'acme.example'] }, []).email_allowed_domains).toEqual(['acme.example']);
    expect(errorType(() => applySettings(base, { claimed_email_domains: ['hotmail.com'] }, []))).toBe('organization_settings_domain_too_common');
    expect(errorType(() => applySettings(base, { sso_jit_provisioning_allowed_connections: ['c'] }, []))).toBe('invalid_argument');
    expect(errorType(() => applySettings(base, { rbac_email_implicit_role_assignments: [{ domain: 'a.example', role_id: 'editor' }] }, STYTCH_ROLES))).toBe('invalid_rbac_role_assignment');
  });
  it('createDefaults: email_invites ALL_ALLOWED only without any authentication setting', () => {
    expect(createDefaults({}).settings.email_invites).toBe('ALL_ALLOWED');
    expect(createDefaults({ mfa_policy: 'REQUIRED_FOR_ALL' }).settings.email_invites).toBe('ALL_ALLOWED');
    expect(createDefaults({ sso_jit_provisioning: 'NOT_ALLOWED' }).settings.email_invites).toBe('NOT_ALLOWED');
  });
});

describe('member validators and roles', () => {
  it('checkAssignableRoles: policy or organization roles; stytch_member is implicit', () => {
    expect(checkAssignableRoles(['stytch_admin', 'stytch_admin'], STYTCH_ROLES)).toEqual(['stytch_admin']);
    expect(errorType(() => checkAssignableRoles(['stytch_member'], STYTCH_ROLES))).toBe('cannot_assign_default_rbac_role_id');
    expect(errorType(() => checkAssignableRoles(['ghost'], STYTCH_ROLES))).toBe('invalid_rbac_role_assignment');
    expect(errorType(() => checkAssignableRoles(Array(51).fill('stytch_admin'), STYTCH_ROLES))).toBe('invalid_rbac_role_assignment');
  });
  it('checkDefaultMfaMethod', () => {
    for (const ok of ['', 'sms_otp', 'totp']) expect(checkDefaultMfaMethod(ok)).toBe(ok);
    expect(errorType(() => checkDefaultMfaMethod('email'))).toBe('invalid_mfa_default_method');
  });
  it('memberRoles: stytch_member, direct roles, email-domain roles merged by role with every source', () => {
    const o = org({ rbac_email_implicit_role_assignments: [{ domain: 'acme.example', role_id: 'stytch_admin' }, { domain: 'other.example', role_id: 'x' }] });
    expect(memberRoles(member({ roles: ['stytch_admin'] }), o)).toEqual([
      { role_id: 'stytch_member', sources: [{ type: 'direct_assignment', details: {} }] },
      { role_id: 'stytch_admin', sources: [{ type: 'direct_assignment', details: {} }, { type: 'email_assignment', details: { email_domain: 'acme.example' } }] },
    ]);
  });
});

describe('RBAC', () => {
  it('grantingRoles: exact action or *, only on the named resource, in policy order', () => {
    const roles = [
      { role_id: 'a', description: '', permissions: [{ resource_id: 'doc', actions: ['read'] }] },
      { role_id: 'b', description: '', permissions: [{ resource_id: 'doc', actions: ['*'] }] },
      { role_id: 'c', description: '', permissions: [{ resource_id: 'img', actions: ['*'] }] },
    ];
    expect(grantingRoles(roles, ['a', 'b', 'c'], 'doc', 'read')).toEqual(['a', 'b']);
    expect(grantingRoles(roles, ['a', 'c'], 'doc', 'write')).toEqual([]);
    expect(grantingRoles(roles, ['b'], 'doc', 'anything')).toEqual(['b']);
  });
  it('validatePolicy: an empty policy is the default one; listed Stytch roles replace the defaults', () => {
    expect(validatePolicy({})).toEqual(DEFAULT_POLICY);
    const p = validatePolicy({ roles: [{ role_id: 'stytch_member', permissions: [] }] });
    expect(p.roles.map((r) => [r.role_id, r.permissions.length])).toEqual([['stytch_admin', 5], ['stytch_member', 0]]);
    expect(errorType(() => validatePolicy(null))).toBe('invalid_argument');
    expect(errorType(() => validatePolicy({ roles: Array.from({ length: 501 }, (_, i) => ({ role_id: `r${i}` })) }))).toBe('invalid_argument');
  });
  it('parseAuthorizationCheck: three non-empty strings', () => {
    expect(parseAuthorizationCheck(undefined)).toBeNull();
    expect(parseAuthorizationCheck({ organization_id: 'o', resource_id: 'r', action: 'a' })).toEqual({ organization_id: 'o', resource_id: 'r', action: 'a' });
    for (const bad of ['x', [], { organization_id: 'o', resource_id: 'r' }, { organization_id: 'o', resource_id: 'r', action: '' }, { organization_id: 1, resource_id: 'r', action: 'a' }]) {
      expect(errorType(() => parseAuthorizationCheck(bad))).toBe('invalid_argument');
    }
  });
  it('missingSteps: MFA by policy or enrolment, primary methods by restriction (breakglass excepted)', () => {
    expect(missingSteps(org(), member(), [password])).toBeNull();
    expect(missingSteps(org({ mfa_policy: 'REQUIRED_FOR_ALL' }), member(), [password])).toEqual({ primary: null, mfa: true });
    expect(missingSteps(org(), member({ mfa_enrolled: true }), [password])).toEqual({ primary: null, mfa: true });
    expect(missingSteps(org(), member({ mfa_enrolled: true }), [password, { ...password, type: 'totp', delivery_method: 'authenticator_app' }])).toBeNull();
    const sso = org({ auth_methods: 'RESTRICTED', allowed_auth_methods: ['sso', 'google_oauth'] });
    expect(missingSteps(sso, member(), [password])).toEqual({ primary: ['sso', 'google_oauth'], mfa: false });
    expect(missingSteps(sso, member({ is_breakglass: true }), [password])).toBeNull();
    expect(missingSteps(sso, member(), [{ ...password, type: 'oauth', delivery_method: 'oauth_google' }])).toBeNull();
  });
});

describe('search operands', () => {
  it('member operands: names and value types', () => {
    expect(parseMemberOperand({ filter_name: 'statuses', filter_value: ['active'] })).toEqual({ kind: 'statuses', values: ['active'] });
    expect(errorType(() => parseMemberOperand({ filter_name: 'member_ids', filter_value: [1] }))).toBe('member_search_expected_array_of_strings');
    expect(errorType(() => parseMemberOperand({ filter_name: 'member_password_exists', filter_value: 1 }))).toBe('member_search_expected_boolean');
    expect(errorType(() => parseMemberOperand({ filter_name: 'member_phone_number_fuzzy', filter_value: 'x'.repeat(257) }))).toBe('member_search_expected_string');
    expect(errorType(() => parseMemberOperand({ filter_value: 1 }))).toBe('member_search_filter_name_not_recognized');
  });
  it('organization operands: SSO filters match nothing / everything; domains are lower-cased', () => {
    expect(parseOrganizationOperand({ filter_name: 'has_active_sso_connection', filter_value: false })).toEqual({ kind: 'always' });
    expect(parseOrganizationOperand({ filter_name: 'sso_connection_id', filter_value: 'conn-123' })).toEqual({ kind: 'never' });
    expect(parseOrganizationOperand({ filter_name: 'allowed_domains', filter_value: ['ACME.example'] })).toEqual({ kind: 'allowed_domains', values: ['acme.example'] });
    expect(errorType(() => parseOrganizationOperand({ filter_name: 'claimed_email_domains', filter_value: 'x' }))).toBe('organization_search_expected_array_of_strings');
  });
});
