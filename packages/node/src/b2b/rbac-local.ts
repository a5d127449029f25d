/**
 * Local B2B `authorization_check`s, as the official SDK makes them (`stytch/dist/b2b/rbac_local.js`,
 * `shared/rbac_local.js`): the member's roles against the project policy's roles plus the roles of the
 * member's organization, both cached five minutes (each organization's separately).
 *
 * @module
 */
import { ClientError } from '@tessera/core';
import { ExpiringValue, PolicyCache, checkRoles, type CacheOptions } from '../rbac-policy.js';
import type { PolicyRole } from '../types/rbac.js';
import type { B2BRBAC } from './rbac.js';
import type { OrgPolicy } from './types/rbac.js';
import type { AuthorizationCheck } from './types/sessions.js';

/** Organizations whose policies are kept at once; past it the longest-cached one is dropped. */
const MAX_ORGANIZATIONS = 1_000;

export class B2BPolicyCache extends PolicyCache {
  readonly #rbac: B2BRBAC;
  readonly #options: CacheOptions | undefined;
  readonly #orgPolicies = new Map<string, ExpiringValue<OrgPolicy>>();

  constructor(rbac: B2BRBAC, options?: CacheOptions) {
    super(() => rbac.policy().then((r) => r.policy), options);
    this.#rbac = rbac;
    this.#options = options;
  }

  /** The organization's own roles. */
  getOrgPolicy(organizationId: string): Promise<OrgPolicy> {
    let entry = this.#orgPolicies.get(organizationId);
    if (!entry) {
      if (this.#orgPolicies.size >= MAX_ORGANIZATIONS) this.#orgPolicies.delete(this.#orgPolicies.keys().next().value!);
      entry = new ExpiringValue(
        () => this.#rbac.organizations.getOrgPolicy({ organization_id: organizationId }).then((r) => r.org_policy),
        this.#options,
      );
      this.#orgPolicies.set(organizationId, entry);
    }
    return entry.get();
  }

  /** The roles that apply in `organizationId`: the project's, then the organization's own. */
  async rolesIn(organizationId: string): Promise<PolicyRole[]> {
    const [policy, orgPolicy] = await Promise.all([this.getPolicy(), this.getOrgPolicy(organizationId)]);
    return Array.isArray(orgPolicy?.roles) ? policy.roles.concat(orgPolicy.roles) : policy.roles;
  }
}

/**
 * Throws `tenancy_mismatch` when the check names another organization than the member's, else
 * `invalid_permissions` unless one of `subjectRoles` grants the action.
 */
export function performAuthorizationCheck(args: {
  policyRoles: readonly PolicyRole[];
  subjectRoles: readonly string[];
  subjectOrgID: string;
  authorizationCheck: AuthorizationCheck;
}): void {
  assertSameOrganization(args.subjectOrgID, args.authorizationCheck);
  checkRoles(args.policyRoles, args.subjectRoles, args.authorizationCheck, 'Member');
}

/** The tenancy half of the check, which needs no policy. */
export function assertSameOrganization(subjectOrgID: string, check: AuthorizationCheck): void {
  if (subjectOrgID !== check.organization_id) throw new ClientError('tenancy_mismatch', 'Member belongs to different organization');
}
