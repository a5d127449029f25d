/**
 * The revocation feed of issue #15: `GET /v1/sessions/revocations` (and the B2B alias) and its SSE stream.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '@tessera/test-utils';
import { loadConfig, openRuntime } from '../../src/index.js';
import { b2bClient, createOrg, loggedIn } from '../b2b/helpers.js';
import { STRONG_PASSWORD, uniqueEmail, useServer } from './helpers.js';

const t = useServer();
afterEach(() => t.srv.clock.reset());

interface Feed {
  revocations: { session_id: string; revoked_at: string }[];
  cursor: string;
  retain_seconds: number;
  status_code: number;
  request_id: string;
  error_type?: string;
}

const auth = () => 'Basic ' + Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64');

async function feed(since?: string, path = '/v1/sessions/revocations', authorization: string | null = auth()): Promise<[number, Feed]> {
  const res = await fetch(`${t.srv.url}${path}${since === undefined ? '' : `?since=${encodeURIComponent(since)}`}`, {
    headers: authorization ? { authorization } : {},
  });
  return [res.status, (await res.json()) as Feed];
}
const ids = (f: Feed) => f.revocations.map((r) => r.session_id);

async function login() {
  const email = uniqueEmail('feed');
  const res = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
  return { ...res, email, session_id: res.session!.session_id };
}

describe('revocation feed', () => {
  it('shape, B2B alias, since paging, retain window', async () => {
    const a = await login();
    await t.client.sessions.revoke({ session_token: a.session_token });
    t.srv.clock.advance(10_000); // past the cursor's overlap (5 s)
    const [status, all] = await feed();
    expect(status).toBe(200);
    expect(all).toMatchObject({ retain_seconds: 360, status_code: 200 });
    expect(all.request_id).toMatch(/^request-id-test-/);
    expect(typeof all.cursor).toBe('string');
    expect(ids(all)).toContain(a.session_id);
    const entry = all.revocations.find((r) => r.session_id === a.session_id)!;
    expect(Date.parse(entry.revoked_at)).not.toBeNaN();
    expect(entry.revoked_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(ids((await feed(undefined, '/v1/b2b/sessions/revocations'))[1])).toContain(a.session_id);

    // `since` returns only what is new (and what was revoked within the overlap before the cursor).
    const b = await login();
    await t.client.sessions.revoke({ session_id: b.session_id });
    const [, next] = await feed(all.cursor);
    expect(ids(next)).toEqual([b.session_id]);
    const [, none] = await feed(next.cursor);
    expect(ids(none)).toEqual([b.session_id]); // within the overlap: repeated, clients de-duplicate
    t.srv.clock.advance(10_000);
    const [, later] = await feed(next.cursor);
    expect(ids(later)).toEqual([b.session_id]);
    expect(ids((await feed(later.cursor))[1])).toEqual([]);

    // Past 360 s after the revocation: gone.
    t.srv.clock.advance(341_000);
    expect(ids((await feed())[1])).not.toContain(a.session_id);
    expect(ids((await feed())[1])).toContain(b.session_id);
    t.srv.clock.advance(10_000);
    expect(ids((await feed())[1])).not.toContain(b.session_id);
  });

  it('every path that ends a session appears', async () => {
    const [, start] = await feed();
    const byJwt = await login();
    await t.client.sessions.revoke({ session_jwt: byJwt.session_jwt });
    const byId = await login();
    await t.client.sessions.revoke({ session_id: byId.session_id });
    const deleted = await login();
    const deletedUserRevokedBefore = await t.client.passwords.authenticate({ email: deleted.email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    await t.client.sessions.revoke({ session_id: deletedUserRevokedBefore.session!.session_id });
    await t.client.users.delete({ user_id: deleted.user_id });
    const reset = await login();
    await t.client.passwords.existingPassword.reset({ email: reset.email, existing_password: STRONG_PASSWORD, new_password: 'another-Strong-passphrase-99' });

    const b2b = b2bClient(t.srv);
    const revoked = await loggedIn(b2b);
    await b2b.sessions.revoke({ member_session_id: revoked.login.member_session!.member_session_id });
    const memberDeleted = await loggedIn(b2b);
    await b2b.organizations.members.delete({ organization_id: memberDeleted.org.organization_id, member_id: memberDeleted.member.member_id });
    const org = await createOrg(b2b);
    const orgDeleted = await loggedIn(b2b, { org });
    await b2b.organizations.delete({ organization_id: org.organization_id });

    const [, f] = await feed(start.cursor);
    expect(ids(f)).toEqual(
      expect.arrayContaining([
        byJwt.session_id,
        byId.session_id,
        deleted.session_id,
        deletedUserRevokedBefore.session!.session_id,
        reset.session_id,
        revoked.login.member_session!.member_session_id,
        memberDeleted.login.member_session!.member_session_id,
        orgDeleted.login.member_session!.member_session_id,
      ]),
    );
    expect(new Set(ids(f)).size).toBe(f.revocations.length);
  });

  it('auth required; a malformed cursor is invalid_argument', async () => {
    const [s401, e401] = await feed(undefined, '/v1/sessions/revocations', null);
    expect([s401, e401.error_type]).toEqual([401, 'unauthorized_credentials']);
    const [s401b, e401b] = await feed(undefined, '/v1/sessions/revocations/stream', 'Basic ' + Buffer.from(`${t.srv.project.project_id}:wrong`).toString('base64'));
    expect([s401b, e401b.error_type]).toEqual([401, 'unauthorized_credentials']);
    for (const bad of ['nope', 'r1.', 'r1.12x', '']) {
      const [s, e] = await feed(bad);
      expect([s, e.error_type]).toEqual([400, 'invalid_argument']);
    }
    const [s, e] = await feed('garbage', '/v1/sessions/revocations/stream');
    expect([s, e.error_type]).toEqual([400, 'invalid_argument']);
  });

  it.each(['this process (notifier)', 'another process (database poll)'])('the stream delivers a revocation made after connecting, by %s', async (by) => {
    const { cursor } = (await feed())[1];
    const s = await login();
    const events: Feed[] = [];
    let buffer = '';
    let waiter: (() => void) | null = null;
    const req = http.get(`${t.srv.url}/v1/sessions/revocations/stream?since=${cursor}`, { headers: { authorization: auth() } });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (block.startsWith('retry:')) expect(block).toBe('retry: 1000');
        const data = /^event: revocations\ndata: (.*)$/s.exec(block);
        if (data) events.push(JSON.parse(data[1]!) as Feed);
        waiter?.();
      }
    });
    const until = async (pred: () => boolean) => {
      while (!pred()) await new Promise<void>((r) => (waiter = r));
    };
    await until(() => events.length >= 1); // the first answer
    const started = Date.now();
    if (by.startsWith('this')) {
      await t.client.sessions.revoke({ session_id: s.session_id });
    } else {
      // A second runtime on the same database (as the CLI or another instance would be): no in-process wake-up.
      const rt = await openRuntime(loadConfig({ ...t.srv.databaseEnv, TESSERA_LOG_LEVEL: 'silent' }), undefined, { report: () => {} });
      try {
        expect(await rt.deps.stores.sessions.revoke(t.srv.project.project_id, { sessionId: s.session_id }, Date.now())).not.toBeNull();
      } finally {
        await rt.close();
      }
    }
    await until(() => events.some((e) => ids(e).includes(s.session_id)));
    expect(Date.now() - started).toBeLessThan(5_000);
    const e = events.find((ev) => ids(ev).includes(s.session_id))!;
    expect(e.retain_seconds).toBe(360);
    expect(e).not.toHaveProperty('status_code');
    expect(e).not.toHaveProperty('request_id');
    req.destroy();
  });

  it("the server's close ends open streams and does not hang", async () => {
    const srv = await startServer();
    const authorization = 'Basic ' + Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64');
    const req = http.get(`${srv.url}/v1/b2b/sessions/revocations/stream`, { headers: { authorization } });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => res.on('end', resolve));
    res.resume();
    await srv.close();
    await ended;
  });
});
