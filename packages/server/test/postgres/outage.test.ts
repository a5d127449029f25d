/**
 * A PostgreSQL outage: while the cluster is down every request that needs the database gets a Stytch-shaped
 * 503 `service_unavailable` (with its request_id), not a 500; once it is back the same server answers 200
 * again without a restart (pg.Pool reconnects), and every session created before still authenticates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, startServer, type TestServer } from '@tessera/test-utils';
import type * as stytch from 'stytch';
import { STRONG_PASSWORD, officialClient, stytchError, uniqueEmail } from '../compat/helpers.js';

const cluster = await startPostgres();
afterAll(() => {
  if ('stop' in cluster) cluster.stop();
});

if ('unavailable' in cluster) {
  describe('PostgreSQL outage', () => {
    it.skip(`skipped: ${cluster.unavailable}`, () => {});
  });
} else {
  describe('PostgreSQL outage', () => {
    let srv: TestServer;
    let client: stytch.Client;
    let databaseUrl: string;
    beforeAll(async () => {
      databaseUrl = await cluster.createDatabase();
      srv = await startServer({ databaseUrl, env: { TESSERA_DATABASE_STATEMENT_TIMEOUT_MS: '2000' } });
      client = officialClient(srv);
    });
    afterAll(() => srv?.close());

    it('503 service_unavailable while PostgreSQL is down; 200 again once it is back, sessions intact', async () => {
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await client.passwords.create({ email: uniqueEmail('outage'), password: STRONG_PASSWORD, session_duration_minutes: 600 });
        tokens.push(res.session_token);
      }
      cluster.shutdown();
      try {
        const authErr = await stytchError(client.sessions.authenticate({ session_token: tokens[0]! }));
        expect(authErr.status_code).toBe(503);
        expect(authErr.error_type).toBe('service_unavailable');
        const createErr = await stytchError(client.users.create({ email: uniqueEmail('down') }));
        expect(createErr.status_code).toBe(503);
        expect(createErr.error_type).toBe('service_unavailable');
        // The raw body is Stytch's shape too.
        const raw = await fetch(`${srv.url}/v1/users/search`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}`, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(raw.status).toBe(503);
        const body = (await raw.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ status_code: 503, error_type: 'service_unavailable' });
        expect(body.request_id).toMatch(/^request-id-test-/);
      } finally {
        cluster.start();
      }
      // Back without a restart: the first queries may still meet connections the shutdown cut; they are
      // replaced, so allow a few attempts.
      let ok = false;
      for (let i = 0; i < 20 && !ok; i++) {
        ok = await client.sessions.authenticate({ session_token: tokens[0]! }).then(
          () => true,
          () => false,
        );
        if (!ok) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ok).toBe(true);
      for (const session_token of tokens) {
        const res = await client.sessions.authenticate({ session_token });
        expect(res.status_code).toBe(200);
      }
      const created = await client.users.create({ email: uniqueEmail('back') });
      expect(created.status_code).toBe(200);
    });

    it('after the outage the cache listener is back: a key rotated by another instance reaches this JWKS without a TTL', async () => {
      // Frozen: the key ring cache cannot expire, so only a notification can show the new key.
      srv.clock.set(Date.now());
      const jwks = async () =>
        ((await (await fetch(`${srv.url}/v1/sessions/jwks/${srv.project.project_id}`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
      await jwks();
      const other = await startServer({ databaseUrl, project: srv.project, clock: srv.clock });
      try {
        const key = await other.rotateKeys({ immediate: true });
        // The listener reconnects with a growing delay (at most 5 s) after PostgreSQL came back.
        const until = Date.now() + 8000;
        let kids = await jwks();
        while (!kids.includes(key.kid) && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 50));
          kids = await jwks();
        }
        expect(kids).toContain(key.kid);
      } finally {
        await other.close();
        srv.clock.reset();
      }
    });
  });
}
