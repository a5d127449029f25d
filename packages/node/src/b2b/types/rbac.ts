/**
 * Request and response types of `b2bClient.rbac` (Stytch's API reference), as the official SDK
 * names them (`stytch/types/lib/b2b/rbac.d.ts`, `rbac_organizations.d.ts`). `Policy`, `PolicyRole` and
 * `PolicyResource` are the consumer client's, which have the same shape.
 */
import type { CustomRole } from '@tessera/core';
import type { Envelope } from '../../types/common.js';
import type { Policy, PolicyPermission } from '../../types/rbac.js';

export type PolicyRolePermission = PolicyPermission;

/** The roles an organization defines for itself; they apply in that organization only. */
export interface OrgPolicy {
  roles: CustomRole[];
}

export interface B2BRBACPolicyResponse extends Envelope {
  policy: Policy;
}

export interface B2BRBACOrganizationsGetOrgPolicyRequest {
  organization_id: string;
}

export interface B2BRBACOrganizationsGetOrgPolicyResponse extends Envelope {
  org_policy: OrgPolicy;
}

export interface B2BRBACOrganizationsSetOrgPolicyRequest {
  organization_id: string;
  org_policy: OrgPolicy;
}

export interface B2BRBACOrganizationsSetOrgPolicyResponse extends Envelope {
  org_policy: OrgPolicy;
}
