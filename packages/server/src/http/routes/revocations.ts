import { Type } from 'typebox';
import { parseCursor, revocationFeed } from '../../domain/sessions/revocation-feed.js';
import { Str } from '../schema.js';
import { secretRoute } from '../route.js';

export const RevocationQuery = Type.Object({ since: Type.Optional(Str({ maxLength: 64, errorType: 'invalid_argument' })) });

/** The revocation feed (issue #15); the stream (`.../revocations/stream`) is in http/revocation-stream.ts. */
export const revocationRoutes = ['/v1/sessions/revocations', '/v1/b2b/sessions/revocations'].map((url) =>
  secretRoute({
    method: 'GET',
    url,
    summary: 'Sessions (consumer and member) revoked within the retain window (JWT lifetime + leeway), since a cursor',
    query: RevocationQuery,
    async handler(ctx, { query }) {
      return revocationFeed(ctx, parseCursor(query.since));
    },
  }),
);
