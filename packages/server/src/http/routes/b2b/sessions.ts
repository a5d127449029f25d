import { Type } from 'typebox';
import { authenticateMemberSession } from '../../../domain/b2b/sessions/authenticate-member-session.js';
import { exchangeMemberSession } from '../../../domain/b2b/sessions/exchange-member-session.js';
import { listMemberSessions } from '../../../domain/b2b/sessions/list-member-sessions.js';
import { revokeMemberSession } from '../../../domain/b2b/sessions/revoke-member-session.js';
import { Body, SessionFields, Str } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { jwksRoute } from '../jwks-route.js';
import { memberSessionHeaders } from './member-session-headers.js';
import { memberLoginResponse, memberSessionResponse } from './responses.js';

export const memberSessionRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/sessions/authenticate',
    audit: false, // a session check (the hot path); revokes are audited
    summary: 'Authenticate a member session token or JWT, optionally with an RBAC authorization_check',
    body: Body({ ...SessionFields, authorization_check: Type.Optional(Type.Unknown()) }),
    async handler(ctx, { body }) {
      return memberSessionResponse(ctx, await authenticateMemberSession(ctx, body));
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/b2b/sessions',
    summary: "List a member's live sessions",
    query: Type.Object({ organization_id: Str({ maxLength: 256 }), member_id: Str({ maxLength: 256 }) }),
    async handler(ctx, { query }) {
      return { member_sessions: await listMemberSessions(ctx, query.organization_id, query.member_id) };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/sessions/revoke',
    summary: "Revoke a member session (by id, token or JWT) or all of a member's sessions (by member_id)",
    body: Body({
      member_session_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_session_id' })),
      session_token: SessionFields.session_token,
      session_jwt: SessionFields.session_jwt,
      member_id: Type.Optional(Str({ maxLength: 256 })),
    }),
    async handler(ctx, { body, headers }) {
      await revokeMemberSession(ctx, body, memberSessionHeaders(headers));
      return {};
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/sessions/exchange',
    summary: "Exchange a member session for a session in another organization of the same person",
    body: Body({ organization_id: Str({ maxLength: 256 }), ...SessionFields, locale: Type.Optional(Str({ maxLength: 16 })) }),
    async handler(ctx, { body }) {
      return memberLoginResponse(ctx, await exchangeMemberSession(ctx, body));
    },
  }),
  jwksRoute('/v1/b2b/sessions/jwks/:project_id'),
];
