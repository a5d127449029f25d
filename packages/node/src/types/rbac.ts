/** The RBAC policy `GET /v1/rbac/policy` (B2B: `/v1/b2b/rbac/policy`) returns; read for local `authorization_check`s. */
import type { Envelope } from './common.js';

export interface PolicyPermission {
  resource_id: string;
  actions: string[];
}

export interface PolicyRole {
  role_id: string;
  description: string;
  permissions: PolicyPermission[];
}

export interface PolicyResource {
  resource_id: string;
  description: string;
  actions: string[];
}

export interface PolicyScopePermission {
  resource_id: string;
  actions: string[];
}

/** An OAuth scope of the policy (connected apps, M2M) and what it grants. */
export interface PolicyScope {
  scope: string;
  description: string;
  permissions: PolicyScopePermission[];
}

export interface Policy {
  roles: PolicyRole[];
  resources: PolicyResource[];
  scopes?: PolicyScope[];
}

export interface RBACPolicyResponse extends Envelope {
  policy: Policy;
}
