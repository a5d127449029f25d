/**
 * Stytch's default resources and Tessera's default B2B roles, the policy of every project until it sets its
 * own (Stytch's default roles; docs/architecture.md, "B2B"): `stytch_admin` has `*` on every `stytch.*` resource, `stytch_member` has
 * `*` on `stytch.self`. The resources always exist and cannot be changed; a project policy may change the
 * permissions of the two roles, not remove them.
 *
 * The action lists are Stytch's as documented (the RBAC guide and the field docs of `stytch` 14.2.0, which
 * use the hyphenated names, e.g. `update.info.logo-url`). Where Stytch documents no action for something
 * Tessera lets a member session do (`update.info.external-id`, `revoke-sessions`, the claimed-domain and
 * connected-apps settings), the name is Tessera's choice: UNVERIFIED.
 *
 * @module
 */
import type { RbacPolicy, RbacResource, RbacRole } from '../../../store/b2b-records.js';

export const STYTCH_ADMIN = 'stytch_admin';
export const STYTCH_MEMBER = 'stytch_member';

const SELF_ACTIONS = [
  'update.info.name',
  'update.info.untrusted-metadata',
  'update.info.mfa-phone',
  'update.info.delete.mfa-phone',
  'update.info.delete.password',
  'update.settings.mfa-enrolled',
  'update.settings.default-mfa-method',
  'revoke-sessions',
  'delete',
];

export const STYTCH_RESOURCES: readonly RbacResource[] = [
  {
    resource_id: 'stytch.organization',
    description: 'The logged-in Member\'s Organization.',
    actions: [
      'update.info.name',
      'update.info.slug',
      'update.info.logo-url',
      'update.info.external-id',
      'update.settings.allowed-auth-methods',
      'update.settings.allowed-domains',
      'update.settings.allowed-mfa-methods',
      'update.settings.allowed-oauth-tenants',
      'update.settings.claimed-email-domains',
      'update.settings.default-sso-connection',
      'update.settings.email-invites',
      'update.settings.email-jit-provisioning',
      'update.settings.first-party-connected-apps',
      'update.settings.implicit-roles',
      'update.settings.mfa-policy',
      'update.settings.oauth-tenant-jit-provisioning',
      'update.settings.sso-jit-provisioning',
      'update.settings.third-party-connected-apps',
      'delete',
    ],
  },
  {
    resource_id: 'stytch.member',
    description: 'The Members of the logged-in Member\'s Organization.',
    actions: [
      'create',
      'search',
      'update.info.name',
      'update.info.email',
      'update.info.external-id',
      'update.info.untrusted-metadata',
      'update.info.mfa-phone',
      'update.info.delete.mfa-phone',
      'update.info.delete.password',
      'update.settings.is-breakglass',
      'update.settings.mfa-enrolled',
      'update.settings.default-mfa-method',
      'update.settings.roles',
      'revoke-sessions',
      'delete',
    ],
  },
  { resource_id: 'stytch.sso', description: 'The SSO connections of the logged-in Member\'s Organization.', actions: ['create', 'update', 'delete'] },
  { resource_id: 'stytch.scim', description: 'The SCIM connection of the logged-in Member\'s Organization.', actions: ['create', 'update', 'delete'] },
  { resource_id: 'stytch.self', description: 'The logged-in Member.', actions: SELF_ACTIONS },
];

/** The default permissions of the two Stytch roles (descriptions as Stytch words them). */
export const STYTCH_ROLES: readonly RbacRole[] = [
  {
    role_id: STYTCH_ADMIN,
    description: 'Granted to Members who create an organization through the Stytch discovery flow. Admins will also have the stytch_member role. Cannot be deleted.',
    permissions: STYTCH_RESOURCES.map((r) => ({ resource_id: r.resource_id, actions: ['*'] })),
  },
  {
    role_id: STYTCH_MEMBER,
    description: 'Granted to all Members upon creation; grants permissions already implicitly granted to logged in Members via the SDK. Cannot be deleted.',
    permissions: [{ resource_id: 'stytch.self', actions: ['*'] }],
  },
];

/** A project's policy as stored: its roles (the two Stytch roles always among them), its own resources, its scopes. */
export const DEFAULT_POLICY: RbacPolicy = { roles: [...STYTCH_ROLES], resources: [], scopes: [] };
