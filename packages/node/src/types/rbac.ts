/** The RBAC policy `GET /v1/rbac/policy` returns; read only for local `authorization_check`s. */
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

export interface Policy {
  roles: PolicyRole[];
  resources: PolicyResource[];
  scopes?: unknown[];
}

export interface RBACPolicyResponse extends Envelope {
  policy: Policy;
}
