import { authenticateSession, sessionResponse } from '../../../domain/sessions/authenticate-session.js';
import { revokeSession } from '../../../domain/sessions/revoke-session.js';
import { sandboxSessionAuthenticate } from '../../../domain/sandbox/consumer.js';
import { Body, SessionFields } from '../../schema.js';
import { sdkSessionRoute } from '../sdk-route.js';

/** The SDK sends only `session_duration_minutes`; the session is the caller's (Basic header or cookie). */
const DurationOnly = Body({ session_duration_minutes: SessionFields.session_duration_minutes });

export const sdkSessionRoutes = [
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/sessions/authenticate',
    summary: "Authenticate the caller's session (extended when session_duration_minutes is given)",
    body: DurationOnly,
    async handler({ ctx, sessionToken }, { body }) {
      const input = { session_token: sessionToken, session_duration_minutes: body.session_duration_minutes };
      const sandbox = sandboxSessionAuthenticate(ctx, input);
      return sandbox ? await sandbox : sessionResponse(ctx, await authenticateSession(ctx, input));
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/sessions/revoke',
    summary: "Revoke the caller's session",
    cookies: 'clear',
    async handler({ ctx, sessionToken }) {
      await revokeSession(ctx, { session_token: sessionToken });
      return {};
    },
  }),
];
