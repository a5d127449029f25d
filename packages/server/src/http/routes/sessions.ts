import { Type } from 'typebox';
import { authenticateSession, sessionResponse } from '../../domain/sessions/authenticate-session.js';
import { listSessions } from '../../domain/sessions/list-sessions.js';
import { revokeSession } from '../../domain/sessions/revoke-session.js';
import { ApiError } from '../../domain/errors.js';
import { sandboxSessionAuthenticate } from '../../domain/sandbox/consumer.js';
import { Body, SessionFields, Str } from '../schema.js';
import { secretRoute } from '../route.js';
import { jwksRoute } from './jwks-route.js';

export const sessionRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/sessions/authenticate',
    audit: false, // a session check (the hot path); revokes are audited
    summary: 'Authenticate a session token or JWT; returns the session, the user, the opaque token and a fresh JWT',
    body: Body({
      ...SessionFields,
      authorization_check: Type.Optional(Type.Unknown()),
    }),
    async handler(ctx, { body }) {
      if (body.authorization_check !== undefined && body.authorization_check !== null) {
        // Consumer RBAC policies are not modelled yet: refuse rather than answer without the check.
        throw new ApiError('invalid_argument', 'authorization_check is not supported for consumer sessions by this Tessera version.');
      }
      const sandbox = sandboxSessionAuthenticate(ctx, body);
      return sandbox ? await sandbox : sessionResponse(ctx, await authenticateSession(ctx, body));
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/sessions',
    summary: "List a user's active sessions",
    query: Type.Object({ user_id: Str({ maxLength: 256, errorType: 'invalid_user_id' }) }),
    async handler(ctx, { query }) {
      return { sessions: await listSessions(ctx, query.user_id) };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/sessions/revoke',
    summary: 'Revoke a session by session_id, session_token or session_jwt',
    body: Body({
      session_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_session_id' })),
      session_token: SessionFields.session_token,
      session_jwt: SessionFields.session_jwt,
    }),
    async handler(ctx, { body }) {
      await revokeSession(ctx, body);
      return {};
    },
  }),
  jwksRoute('/v1/sessions/jwks/:project_id'),
];
