import { Type } from 'typebox';
import { getOrgPolicy, setOrgPolicy } from '../../../domain/b2b/rbac/org-policy.js';
import { projectPolicy } from '../../../domain/b2b/rbac/project-policy.js';
import { setRbacPolicy } from '../../../domain/b2b/rbac/set-policy.js';
import { Body } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { OrgParams } from './b2b-schema.js';

export const rbacRoutes = [
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/rbac/policy',
    summary: "The project's RBAC policy: roles, resources (Stytch's and the project's) and scopes",
    async handler(ctx) {
      return { policy: await projectPolicy(ctx) };
    },
  }),
  secretRoute({
    method: 'PUT',
    url: '/v1/b2b/rbac/policy',
    summary: "Replace the project's RBAC policy (Tessera's; Stytch manages it in its dashboard); validated whole",
    body: Body({ policy: Type.Unknown() }),
    async handler(ctx, { body }) {
      return { policy: await setRbacPolicy(ctx, body.policy) };
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/rbac/organizations/:organization_id',
    summary: "An organization's custom roles",
    params: OrgParams,
    async handler(ctx, { params }) {
      return { org_policy: await getOrgPolicy(ctx, params.organization_id) };
    },
  }),
  secretRoute({
    method: 'PUT',
    url: '/v1/b2b/rbac/organizations/:organization_id',
    summary: "Replace an organization's custom roles",
    params: OrgParams,
    body: Body({ org_policy: Type.Unknown() }),
    async handler(ctx, { params, body }) {
      return { org_policy: await setOrgPolicy(ctx, params.organization_id, body.org_policy) };
    },
  }),
];
