/**
 * Two instances on different ports over one PostgreSQL database with one master key, driven by the official
 * `stytch` client: sessions, revocations, signing keys, secrets, password lockouts and rate limits are shared, and the
 * caches that must stay coherent (key rings, project secrets) are invalidated through LISTEN/NOTIFY. The
 * servers' clock is frozen, so no cache TTL can run out during the test: what B sees, it saw via NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, startServer, TestClock, type TestServer } from '@tessera/test-utils';
import type * as stytch from 'stytch';
import { seedProject } from '../../src/domain/projects/seed-project.js';
import { STRONG_PASSWORD, officialClient, stytchError, uniqueEmail } from '../compat/helpers.js';
import { b2bClient, loggedIn } from '../b2b/helpers.js';

const cluster = await startPostgres();
afterAll(() => {
  if ('stop' in cluster) cluster.stop();
});

/** Re-asks until `check` holds, for at most `ms` (NOTIFY delivery takes milliseconds; the bound is ~1 s). */
async function within<T>(ms: number, get: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (check(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function jwksKids(srv: TestServer): Promise<string[]> {
  const res = await fetch(`${srv.url}/v1/sessions/jwks/${srv.project.project_id}`, {
    headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

if ('unavailable' in cluster) {
  describe('two instances over one PostgreSQL database', () => {
    it.skip(`skipped: ${cluster.unavailable}`, () => {});
  });
} else {
  describe('two instances over one PostgreSQL database', () => {
    let a: TestServer;
    let b: TestServer;
    let ca: stytch.Client;
    let cb: stytch.Client;
    const clock = new TestClock();
    beforeAll(async () => {
      clock.set(Date.UTC(2026, 5, 1, 12, 0, 0));
      const databaseUrl = await cluster.createDatabase();
      a = await startServer({ databaseUrl, clock });
      b = await startServer({ databaseUrl, clock, project: a.project });
      ca = officialClient(a);
      cb = officialClient(b);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('listen on different ports and serve the same project', () => {
      expect(a.url).not.toBe(b.url);
      expect(b.project.project_id).toBe(a.project.project_id);
    });

    it('a session created on A authenticates on B (opaque token and JWT); a revoke on B makes A refuse the token at once', async () => {
      const created = await ca.passwords.create({ email: uniqueEmail('multi'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
      const onB = await cb.sessions.authenticate({ session_token: created.session_token });
      expect(onB.session.session_id).toBe(created.session!.session_id);
      const jwtOnB = await cb.sessions.authenticate({ session_jwt: created.session_jwt });
      expect(jwtOnB.session.session_id).toBe(created.session!.session_id);
      // A reads the session too (it may cache nothing that outlives the revoke).
      await ca.sessions.authenticate({ session_token: created.session_token });
      await cb.sessions.revoke({ session_token: created.session_token });
      const refused = await stytchError(ca.sessions.authenticate({ session_token: created.session_token }));
      expect([refused.status_code, refused.error_type]).toEqual([404, 'session_not_found']);
      const refusedJwt = await stytchError(ca.sessions.authenticate({ session_jwt: created.session_jwt }));
      expect(refusedJwt.error_type).toBe('session_not_found');
    });

    it('keys rotated on A are served by B\'s JWKS within ~1 s (NOTIFY), though B\'s ring cache has not expired', async () => {
      const before = await jwksKids(b);
      const key = await a.rotateKeys({ immediate: true });
      expect(before).not.toContain(key.kid);
      const after = await within(1000, () => jwksKids(b), (kids) => kids.includes(key.kid));
      expect(after).toContain(key.kid);
      // And B signs with it: a JWT minted on B carries the new kid and verifies on A.
      const res = await cb.passwords.create({ email: uniqueEmail('rot'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
      const header = JSON.parse(Buffer.from(res.session_jwt.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string };
      expect(header.kid).toBe(key.kid);
      expect((await ca.sessions.authenticate({ session_jwt: res.session_jwt })).session.session_id).toBe(res.session!.session_id);
    });

    it('a secret added on A is accepted by B within ~1 s, though B cached the project\'s secrets', async () => {
      await cb.users.search({ limit: 1 }); // B caches the project's secrets now
      const secret = `added-secret-${'x'.repeat(30)}`;
      await seedProject(a.server.runtime.deps, { projectId: a.project.project_id, secret, publicToken: undefined });
      const withNew = officialClient(b, { secret });
      const ok = await within(
        1000,
        () => withNew.users.search({ limit: 1 }).then(() => true, () => false),
        (v) => v,
      );
      expect(ok).toBe(true);
    });

    it('B2B: a member session made on A authenticates on B; an RBAC policy PUT on A is served by B at once and decides the authorization checks on B within a second', async () => {
      const ba = b2bClient(a);
      const bb = b2bClient(b);
      const { org, login } = await loggedIn(ba, { minutes: 60 });
      const onB = await bb.sessions.authenticate({ session_token: login.session_token });
      expect(onB.member_session.organization_id).toBe(org.organization_id);
      await bb.sessions.revoke({ member_session_id: login.member_session!.member_session_id });
      expect((await stytchError(ba.sessions.authenticate({ session_token: login.session_token }))).error_type).toBe('session_not_found');

      await bb.rbac.policy(); // B has served the default policy
      // ...and has decided an authorization_check with it, so the policy is in B's cache.
      const reader = await loggedIn(ba, { minutes: 60 });
      const readDocuments = () =>
        bb.sessions.authenticate({
          session_token: reader.login.session_token,
          authorization_check: { organization_id: reader.org.organization_id, resource_id: 'documents', action: 'read' },
        });
      expect((await stytchError(readDocuments())).error_type).toBe('session_authorization_error');
      const put = await fetch(`${a.url}/v1/b2b/rbac/policy`, {
        method: 'PUT',
        headers: { authorization: `Basic ${Buffer.from(`${a.project.project_id}:${a.project.secret}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          policy: {
            resources: [{ resource_id: 'documents', description: 'Docs', actions: ['read'] }],
            roles: [
              { role_id: 'reader', description: 'Reads', permissions: [{ resource_id: 'documents', actions: ['read'] }] },
              { role_id: 'stytch_member', description: 'Everyone', permissions: [{ resource_id: 'documents', actions: ['read'] }, { resource_id: 'stytch.self', actions: ['*'] }] },
            ],
          },
        }),
      });
      expect(put.status).toBe(200);
      const { policy } = await bb.rbac.policy();
      expect(policy!.roles.map((r) => r.role_id)).toContain('reader');
      // B's cached copy was dropped by the change's notification (not by its 5-second TTL).
      const granted = await within(1000, () => readDocuments().then(() => true, () => false), (v) => v);
      expect(granted).toBe(true);
    });

    it('password lockouts are shared: 10 wrong passwords spread over A and B lock the user on both', async () => {
      const email = uniqueEmail('lockout');
      const { user_id } = await ca.passwords.create({ email, password: STRONG_PASSWORD });
      const errors: string[] = [];
      for (let i = 0; i < 10; i++) {
        const client = i % 2 === 0 ? ca : cb;
        errors.push((await stytchError(client.passwords.authenticate({ email, password: `wrong-password-${i}-x` }))).error_type);
      }
      expect(errors.slice(0, 9).every((e) => e === 'unauthorized_credentials')).toBe(true);
      expect(errors[9]).toBe('user_lock_limit_reached');
      for (const client of [ca, cb]) {
        expect((await stytchError(client.passwords.authenticate({ email, password: STRONG_PASSWORD }))).error_type).toBe('user_lock_limit_reached');
        expect((await client.users.get({ user_id })).is_locked).toBe(true);
      }
    });

    it('rate limits are shared: the per-address limit (10 per 10 minutes) counted over A and B refuses the next send on both', async () => {
      const email = uniqueEmail('limit');
      for (let i = 0; i < 10; i++) {
        const res = await (i % 2 === 0 ? ca : cb).otps.email.loginOrCreate({ email });
        expect(res.status_code).toBe(200);
      }
      for (const srv of [a, b]) {
        const res = await fetch(`${srv.url}/v1/otps/email/login_or_create`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}`, 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        });
        const body = (await res.json()) as Record<string, unknown>;
        expect([res.status, body.error_type]).toEqual([429, 'too_many_requests']);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    });
  });
}
