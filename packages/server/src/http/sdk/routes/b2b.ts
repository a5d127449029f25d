import { Type } from 'typebox';
import { searchMembers } from '../../../domain/b2b/members/search-members.js';
import { memberView } from '../../../domain/b2b/members/member-view.js';
import { organizationView } from '../../../domain/b2b/organizations/organization-view.js';
import { authenticateMemberPassword } from '../../../domain/b2b/passwords/authenticate-member-password.js';
import { resetExistingMemberPassword, resetMemberPasswordBySession } from '../../../domain/b2b/passwords/reset-member-password.js';
import { authenticateMemberSession } from '../../../domain/b2b/sessions/authenticate-member-session.js';
import { exchangeMemberSession } from '../../../domain/b2b/sessions/exchange-member-session.js';
import { revokeMemberSession } from '../../../domain/b2b/sessions/revoke-member-session.js';
import { passwordStrength } from '../../../domain/passwords/password-strength.js';
import { callerMemberSession } from '../../../domain/sdk/caller-session.js';
import { memberLoginResponse, memberResponse, memberSessionResponse } from '../../routes/b2b/responses.js';
import { SearchFields } from '../../routes/search-fields.js';
import { Body, Email, SessionFields, Str } from '../../schema.js';
import { sdkPublicRoute, sdkSessionRoute } from '../sdk-route.js';

const Password = () => Str({ maxLength: 1024 });
const OrganizationId = () => Str({ maxLength: 256 });
const Duration = SessionFields.session_duration_minutes;

/**
 * `/sdk/v1/b2b/*`. The SDK updates its state from `member_session`, `member` and `organization` (or
 * `intermediate_session_token` when there is no member session), which the backend response builders give.
 * RBAC-checked routes run with the caller's own session as the acting member, as the backend does with the
 * `X-Stytch-Member-Session` header: 403 `session_authorization_error` without the permission.
 */
export const sdkB2BRoutes = [
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/sessions/authenticate',
    summary: "Authenticate the caller's member session (extended when session_duration_minutes is given)",
    body: Body({ session_duration_minutes: Duration }),
    async handler({ ctx, sessionToken }, { body }) {
      return memberSessionResponse(ctx, await authenticateMemberSession(ctx, { session_token: sessionToken, session_duration_minutes: body.session_duration_minutes }));
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/sessions/revoke',
    summary: "Revoke the caller's member session",
    cookies: 'clear',
    async handler({ ctx, sessionToken }) {
      await revokeMemberSession(ctx, { session_token: sessionToken });
      return {};
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/sessions/revoke/:member_id',
    summary: "Revoke every session of a member (revoke-sessions on stytch.member, or stytch.self for one's own)",
    params: Type.Object({ member_id: Str({ maxLength: 256 }) }),
    async handler({ ctx, sessionToken }, { params }) {
      await revokeMemberSession(ctx, { member_id: params.member_id }, { session_token: sessionToken });
      return {};
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/sessions/exchange',
    summary: "Exchange the caller's member session for one in another organization of the same person",
    body: Body({ organization_id: OrganizationId(), session_duration_minutes: Duration, locale: Type.Optional(Str({ maxLength: 16 })) }),
    async handler({ ctx, sessionToken }, { body }) {
      return memberLoginResponse(ctx, await exchangeMemberSession(ctx, { organization_id: body.organization_id, session_token: sessionToken, session_duration_minutes: body.session_duration_minutes }));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/passwords/authenticate',
    summary: "Authenticate a member's email and password in an organization",
    body: Body({
      organization_id: OrganizationId(),
      email_address: Email(),
      password: Password(),
      session_duration_minutes: Duration,
      locale: Type.Optional(Str({ maxLength: 16 })),
      // The browser SDK sends the intermediate session token it keeps (MFA or discovery flows).
      intermediate_session_token: Type.Optional(Str({ maxLength: 1024 })),
    }),
    async handler({ ctx }, { body }) {
      return memberLoginResponse(
        ctx,
        await authenticateMemberPassword(ctx, {
          organization_id: body.organization_id,
          email_address: body.email_address,
          password: body.password,
          session_duration_minutes: body.session_duration_minutes,
          intermediate_session_token: body.intermediate_session_token,
        }),
      );
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/passwords/strength_check',
    summary: 'Check a password against the strength policy',
    body: Body({ password: Password(), email_address: Type.Optional(Email()) }),
    async handler(_sdk, { body }) {
      const { feedback, ...result } = passwordStrength(body.password, body.email_address);
      return { ...result, zxcvbn_feedback: { warning: feedback.warning, suggestions: feedback.suggestions }, luds_feedback: feedback.luds_requirements };
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/passwords/session/reset',
    summary: "Reset the password of the caller's recently authenticated member session; revokes the member's other sessions",
    body: Body({ password: Password(), session_duration_minutes: Duration }),
    async handler({ ctx, sessionToken }, { body }) {
      return memberLoginResponse(ctx, await resetMemberPasswordBySession(ctx, { password: body.password, session_token: sessionToken, session_duration_minutes: body.session_duration_minutes }));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/passwords/existing_password/reset',
    summary: "Reset a member's password with the existing one; revokes all of the member's sessions",
    body: Body({
      organization_id: OrganizationId(),
      email_address: Email(),
      existing_password: Password(),
      new_password: Password(),
      session_duration_minutes: Duration,
      locale: Type.Optional(Str({ maxLength: 16 })),
    }),
    async handler({ ctx }, { body }) {
      return memberLoginResponse(
        ctx,
        await resetExistingMemberPassword(ctx, {
          organization_id: body.organization_id,
          email_address: body.email_address,
          existing_password: body.existing_password,
          new_password: body.new_password,
          session_duration_minutes: body.session_duration_minutes,
        }),
      );
    },
  }),
  sdkSessionRoute({
    method: 'GET',
    url: '/sdk/v1/b2b/organizations/me',
    summary: "The caller's organization",
    async handler({ ctx, sessionToken }) {
      const { organization } = await callerMemberSession(ctx, sessionToken);
      return { organization: organizationView(organization) };
    },
  }),
  sdkSessionRoute({
    method: 'GET',
    url: '/sdk/v1/b2b/organizations/members/me',
    summary: 'The calling member (with its organization)',
    async handler({ ctx, sessionToken }) {
      return memberResponse(ctx, await callerMemberSession(ctx, sessionToken));
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/organizations/me/members/search',
    summary: "Search the members of the caller's organization (search on stytch.member)",
    body: Body(SearchFields),
    async handler({ ctx, sessionToken }, { body }) {
      const { organization } = await callerMemberSession(ctx, sessionToken);
      const { members, total, next_cursor, organizations } = await searchMembers(ctx, { ...body, organization_ids: [organization.organization_id] }, { session_token: sessionToken });
      const now = ctx.clock();
      return {
        members: members.map((m) => memberView(m, organizations.get(m.organization_id) ?? organization, now)),
        results_metadata: { total, next_cursor },
        organizations: Object.fromEntries([...organizations].map(([id, o]) => [id, organizationView(o)])),
      };
    },
  }),
];
