/**
 * `GET /v1/sessions/revocations/stream` (and the B2B alias): the revocation feed as server-sent events.
 * Each new batch is an `event: revocations` whose data is the JSON of the polling endpoint (without
 * `status_code`/`request_id`); a `: keep-alive` comment every 15 s; `retry: 1000`.
 *
 * A stream wakes when this process revokes (the stores' notifier) and polls the database every
 * `POLL_MS` for revocations by other processes (the CLI, another instance). It sends each session id
 * once, though the query repeats the overlap window (see domain/sessions/revocation-feed.ts).
 *
 * @module
 */
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { projectContext, type Deps } from '../domain/context.js';
import { parseCursor, revocationFeed } from '../domain/sessions/revocation-feed.js';
import { RevocationQuery } from './routes/revocations.js';

export const STREAM_POLL_MS = 500;
export const KEEP_ALIVE_MS = 15_000;

export function registerRevocationStreams(app: FastifyInstance, deps: Deps, authenticate: onRequestHookHandler): void {
  const open = new Set<() => void>();
  // Before the server stops accepting and waits for connections: a stream never ends on its own.
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });

  for (const url of ['/v1/sessions/revocations/stream', '/v1/b2b/sessions/revocations/stream']) {
    app.route({
      method: 'GET',
      url,
      schema: { querystring: RevocationQuery, summary: 'The revocation feed as server-sent events' },
      onRequest: authenticate,
      async handler(req, reply) {
        const query = req.query as { since?: string };
        let since = parseCursor(query.since); // a malformed cursor is a 400 before the stream opens
        const ctx = projectContext(deps, req.project!);
        const sent = new Map<string, number>(); // session id → revoked_at ms, to send each once

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 1000\n\n');

        let closed = false;
        let running: Promise<void> | null = null;
        let again = false;
        let first = true;
        const poll = async (): Promise<void> => {
          const page = await revocationFeed(ctx, since);
          if (closed) return;
          const fresh = page.revocations.filter((r) => !sent.has(r.session_id));
          const cursorMs = parseCursor(page.cursor)!;
          for (const r of fresh) sent.set(r.session_id, Date.parse(r.revoked_at));
          // Forget what the next query can no longer return.
          for (const [id, at] of sent) if (at < cursorMs - 60_000) sent.delete(id);
          if (fresh.length > 0 || first) {
            first = false;
            res.write(`event: revocations\ndata: ${JSON.stringify({ ...page, revocations: fresh })}\n\n`);
          }
          since = cursorMs;
        };
        const wake = () => {
          if (closed) return;
          if (running) {
            again = true;
            return;
          }
          running = poll()
            .catch((err: unknown) => req.log.warn({ err }, 'revocation stream poll failed'))
            .finally(() => {
              running = null;
              if (again) {
                again = false;
                wake();
              }
            });
        };
        const pollTimer = setInterval(wake, STREAM_POLL_MS);
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        pollTimer.unref();
        keepAlive.unref();
        const unsubscribe = deps.stores.revocations.subscribe(wake);
        const end = () => {
          if (closed) return;
          closed = true;
          clearInterval(pollTimer);
          clearInterval(keepAlive);
          unsubscribe();
          open.delete(end);
          res.end();
        };
        open.add(end);
        res.on('close', end);
        wake();
      },
    });
  }
}
