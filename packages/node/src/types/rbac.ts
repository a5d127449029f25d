/** The RBAC policy `GET /v1/rbac/policy` (B2B: `/v1/b2b/rbac/policy`) returns; read for local `authorization_check`s. */
import type { Policy } from '@tessera/core';
import type { Envelope } from './common.js';

export type { Policy, PolicyPermission, PolicyResource, PolicyRole, PolicyScope } from '@tessera/core';
/** What a scope grants: a permission, by another name in the official types. */
export type { PolicyPermission as PolicyScopePermission } from '@tessera/core';

export interface RBACPolicyResponse extends Envelope {
  policy: Policy;
}
