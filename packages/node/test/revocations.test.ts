/**
 * The revocation feed in @tessera/node (issue #15), against a real server: with `revocations` enabled a
 * session revoked through the API is refused by local verification within `max_staleness_ms`.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { B2BClient, Client, TesseraError } from '../src/index.js';

const PASSWORD = 'correct-horse-battery-staple-42!';
const BOUND_MS = 200;
const MARGIN_MS = 300;

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv?.close());

/** A fetch that records the paths it was asked for. */
function counting() {
  const paths: string[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };
  return { paths, fetch: fetchFn };
}

async function errorOf(p: Promise<unknown>): Promise<TesseraError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TesseraError);
    return e as TesseraError;
  }
  throw new Error('expected a TesseraError');
}

/** Calls `attempt` until it throws, yielding to the event loop between tries; returns the error and the time it took. */
async function untilRefused(attempt: () => Promise<unknown>, since: number): Promise<[unknown, number]> {
  for (;;) {
    try {
      await attempt();
    } catch (e) {
      return [e, performance.now() - since];
    }
    if (performance.now() - since > 10_000) throw new Error('never refused');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('@tessera/node revocations option', () => {
  it('consumer: refused by authenticateJwtLocal within the bound; authenticateJwt falls back to session_not_found; live sessions stay local', async () => {
    const admin = new Client({ ...srv.project, base_url: srv.url });
    const c = counting();
    const client = new Client({ ...srv.project, base_url: srv.url, fetch: c.fetch, revocations: { max_staleness_ms: BOUND_MS } });
    try {
      const email = `feed.${Date.now()}@example.com`;
      const login = await admin.passwords.create({ email, password: PASSWORD, session_duration_minutes: 60 });
      const other = await admin.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });

      expect((await client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt })).session_id).toBe(login.session!.session_id);
      expect(c.paths).toContain('/v1/sessions/revocations');
      c.paths.length = 0;
      // A live session verifies locally: no API call for the session (a feed refresh may happen).
      await client.sessions.authenticateJwt({ session_jwt: login.session_jwt });
      expect(c.paths.filter((p) => p !== '/v1/sessions/revocations')).toEqual([]);

      await admin.sessions.revoke({ session_id: login.session!.session_id });
      const revokedAt = performance.now();
      const [err, ms] = await untilRefused(() => client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt }), revokedAt);
      console.info(`revocation bound: refused ${ms.toFixed(0)} ms after the revoke (max_staleness_ms ${BOUND_MS})`);
      expect(ms).toBeLessThanOrEqual(BOUND_MS + MARGIN_MS);
      expect(err).toBeInstanceOf(TesseraError);
      expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });

      c.paths.length = 0;
      const fallback = await errorOf(client.sessions.authenticateJwt({ session_jwt: login.session_jwt }));
      expect([fallback.status_code, fallback.error_type]).toEqual([404, 'session_not_found']);
      expect(c.paths).toContain('/v1/sessions/authenticate');

      // The user's other session is untouched and still verifies locally.
      c.paths.length = 0;
      expect((await client.sessions.authenticateJwt({ session_jwt: other.session_jwt })).session.session_id).toBe(other.session!.session_id);
      expect(c.paths).not.toContain('/v1/sessions/authenticate');
    } finally {
      client.close();
    }
  });

  it('off by default: behaviour unchanged (the revoked JWT verifies locally until it expires, no feed request)', async () => {
    const c = counting();
    const client = new Client({ ...srv.project, base_url: srv.url, fetch: c.fetch });
    const login = await client.passwords.create({ email: `off.${Date.now()}@example.com`, password: PASSWORD, session_duration_minutes: 60 });
    await client.sessions.revoke({ session_id: login.session!.session_id });
    expect((await client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt })).session_id).toBe(login.session!.session_id);
    expect(c.paths).not.toContain('/v1/sessions/revocations');
    client.close();
  });

  it('B2B: a revoked member session is refused locally within the bound', async () => {
    const admin = new B2BClient({ ...srv.project, base_url: srv.url });
    const client = new B2BClient({ ...srv.project, base_url: srv.url, revocations: { max_staleness_ms: BOUND_MS } });
    try {
      const { organization } = await admin.organizations.create({ organization_name: 'Feed', organization_slug: `feed-${Date.now()}` });
      const email_address = `member.${Date.now()}@example.com`;
      const hash = crypto.createHash('md5').update(PASSWORD).digest('hex');
      await admin.passwords.migrate({ organization_id: organization.organization_id, email_address, hash, hash_type: 'md_5' });
      const login = await admin.passwords.authenticate({ organization_id: organization.organization_id, email_address, password: PASSWORD, session_duration_minutes: 60 });
      const id = login.member_session!.member_session_id;
      expect((await client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt })).member_session_id).toBe(id);
      await admin.sessions.revoke({ member_session_id: id });
      const [err, ms] = await untilRefused(() => client.sessions.authenticateJwtLocal({ session_jwt: login.session_jwt }), performance.now());
      console.info(`revocation bound (B2B): refused ${ms.toFixed(0)} ms after the revoke (max_staleness_ms ${BOUND_MS})`);
      expect(ms).toBeLessThanOrEqual(BOUND_MS + MARGIN_MS);
      expect(err).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
      const fallback = await errorOf(client.sessions.authenticateJwt({ session_jwt: login.session_jwt }));
      expect([fallback.status_code, fallback.error_type]).toEqual([404, 'session_not_found']);
    } finally {
      client.close();
    }
  });
});
