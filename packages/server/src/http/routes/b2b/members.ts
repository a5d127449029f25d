import { Type } from 'typebox';
import { createMember } from '../../../domain/b2b/members/create-member.js';
import { deleteMember } from '../../../domain/b2b/members/delete-member.js';
import { dangerouslyGetMember, findMember } from '../../../domain/b2b/members/get-member.js';
import { memberView } from '../../../domain/b2b/members/member-view.js';
import { reactivateMember } from '../../../domain/b2b/members/reactivate-member.js';
import { searchMembers } from '../../../domain/b2b/members/search-members.js';
import { updateMember } from '../../../domain/b2b/members/update-member.js';
import { organizationView } from '../../../domain/b2b/organizations/organization-view.js';
import { Body, Email, Str } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { SearchFields } from '../search-fields.js';
import { MemberFields, MemberParams, OrgParams } from './b2b-schema.js';
import { memberSessionHeaders } from './member-session-headers.js';
import { memberResponse } from './responses.js';

const Flag = Type.Optional(Type.Boolean());

export const memberRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/organizations/:organization_id/members',
    summary: 'Create a member of an organization',
    params: OrgParams,
    body: Body({ email_address: Email(), ...MemberFields, create_member_as_pending: Flag, is_breakglass: Flag, mfa_enrolled: Flag }),
    async handler(ctx, { params, body, headers }) {
      return memberResponse(ctx, await createMember(ctx, params.organization_id, body, memberSessionHeaders(headers)));
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/organizations/:organization_id/member',
    summary: 'Get a member by member_id (or external id) or by email_address',
    params: OrgParams,
    query: Type.Object({ member_id: Type.Optional(Str({ maxLength: 256 })), email_address: Type.Optional(Email()) }),
    async handler(ctx, { params, query }) {
      return memberResponse(ctx, await findMember(ctx, params.organization_id, query));
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/organizations/members/dangerously_get/:member_id',
    summary: 'Get a member by member_id in any organization (deleted ones with include_deleted=true)',
    params: Type.Object({ member_id: Str({ maxLength: 256 }) }),
    query: Type.Object({ include_deleted: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }),
    async handler(ctx, { params, query }) {
      return memberResponse(ctx, await dangerouslyGetMember(ctx, params.member_id, query.include_deleted === 'true'));
    },
  }),
  secretRoute({
    method: 'PUT',
    url: '/v1/b2b/organizations/:organization_id/members/:member_id',
    summary: 'Update a member; a member session header runs it with that member\'s permissions',
    params: MemberParams,
    body: Body({
      ...MemberFields,
      is_breakglass: Flag,
      mfa_enrolled: Flag,
      preserve_existing_sessions: Flag,
      default_mfa_method: Type.Optional(Str({ maxLength: 64, errorType: 'invalid_mfa_default_method' })),
      email_address: Type.Optional(Email()),
      unlink_email: Flag,
    }),
    async handler(ctx, { params, body, headers }) {
      return memberResponse(ctx, await updateMember(ctx, params.organization_id, params.member_id, body, memberSessionHeaders(headers)));
    },
  }),
  secretRoute({
    method: 'DELETE',
    url: '/v1/b2b/organizations/:organization_id/members/:member_id',
    summary: 'Delete a member (status deleted) and revoke its sessions',
    params: MemberParams,
    async handler(ctx, { params, headers }) {
      return { member_id: await deleteMember(ctx, params.organization_id, params.member_id, memberSessionHeaders(headers)) };
    },
  }),
  secretRoute({
    method: 'PUT',
    url: '/v1/b2b/organizations/:organization_id/members/:member_id/reactivate',
    summary: 'Reactivate a deleted member',
    params: MemberParams,
    async handler(ctx, { params, headers }) {
      return memberResponse(ctx, await reactivateMember(ctx, params.organization_id, params.member_id, memberSessionHeaders(headers)));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/organizations/members/search',
    audit: false, // a read
    summary: 'Search the members of one or more organizations',
    body: Body({ organization_ids: Type.Optional(Type.Array(Str({ maxLength: 256 }), { maxItems: 1000 })), ...SearchFields }),
    async handler(ctx, { body, headers }) {
      const { members, total, next_cursor, organizations } = await searchMembers(ctx, body, memberSessionHeaders(headers));
      const now = ctx.clock();
      return {
        members: members.map((m) => memberView(m, organizations.get(m.organization_id)!, now)),
        results_metadata: { total, next_cursor },
        organizations: Object.fromEntries([...organizations].map(([id, o]) => [id, organizationView(o)])),
      };
    },
  }),
];
