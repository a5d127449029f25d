import { Type } from 'typebox';
import { readOutbox } from '../../domain/mail/read-outbox.js';
import { Email, Str } from '../schema.js';
import { secretRoute } from '../route.js';

/**
 * The local outbox over HTTP, for test projects only (live mail holds real users' links): with no SMTP
 * configured, a developer or a test reads the login link or code here. `tessera outbox` prints the same.
 */
export const testOutboxRoutes = [
  secretRoute({
    method: 'GET',
    url: '/v1/test/outbox',
    summary: "The test project's newest outbox messages, links and codes included (optionally for one recipient)",
    query: Type.Object({
      to: Type.Optional(Email()),
      limit: Type.Optional(Str({ maxLength: 4, errorType: 'invalid_argument' })),
    }),
    async handler(ctx, { query }) {
      const limit = query.limit === undefined ? 20 : Number(query.limit);
      const bounded = Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : 20;
      return { messages: await readOutbox(ctx, { limit: bounded, to: query.to, fromApi: true }) };
    },
  }),
];
