/**
 * The admin console over plain HTTP: session expiry on the injected clock, the per-address sign-in limit,
 * bad bodies answered with HTML 4xx pages (never a stack trace), escaping of what users typed, and CSRF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { startServer, type TestServer } from '@tessera/test-utils';
import { createAdmin } from '../../src/domain/admin/create-admin.js';

const PASSWORD = 'operator-password-1234';
let srv: TestServer;

beforeAll(async () => {
  srv = await startServer();
  await createAdmin(srv.server.runtime.deps, 'ops', PASSWORD);
});
afterAll(() => srv?.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function signIn(username = 'ops', password = PASSWORD, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${srv.url}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form({ username, password }) });
}

async function session(): Promise<{ cookie: string; csrf: string }> {
  const res = await signIn();
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${srv.url}/admin`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

describe('admin console over HTTP', () => {
  it('ends a session after 30 idle minutes and after 12 hours whatever happens', async () => {
    const { cookie } = await session();
    const get = () => fetch(`${srv.url}/admin`, { headers: { cookie }, redirect: 'manual' });
    expect((await get()).status).toBe(200);
    srv.clock.advance(29 * 60_000);
    expect((await get()).status).toBe(200); // seen: the idle timer starts over
    srv.clock.advance(29 * 60_000);
    expect((await get()).status).toBe(200);
    srv.clock.advance(30 * 60_000 + 1);
    const idle = await get();
    expect(idle.status).toBe(303);
    expect(idle.headers.get('location')).toBe('/admin/login');

    const fresh = await session();
    const seen: number[] = [];
    for (let i = 0; i < 24; i++) {
      srv.clock.advance(29 * 60_000);
      seen.push((await fetch(`${srv.url}/admin`, { headers: { cookie: fresh.cookie }, redirect: 'manual' })).status);
    }
    expect(new Set(seen)).toEqual(new Set([200])); // never idle for 30 minutes, up to 11.6 hours
    srv.clock.advance(29 * 60_000);
    expect((await fetch(`${srv.url}/admin`, { headers: { cookie: fresh.cookie }, redirect: 'manual' })).status).toBe(303); // past 12 hours
  });

  it('answers bad requests with HTML 4xx pages and changes nothing', async () => {
    const { cookie, csrf } = await session();
    const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${srv.url}/admin${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': type }, body });
    const json = await post('/login', JSON.stringify({ username: 'ops', password: PASSWORD }), 'application/json');
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('text/html');
    const huge = await post(`/projects/${srv.project.project_id}/policy`, form({ _csrf: csrf, policy: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const unknownProject = await fetch(`${srv.url}/admin/projects/project-test-nope`, { headers: { cookie } });
    expect(unknownProject.status).toBe(404);
    expect(await unknownProject.clone().text()).toContain('Project could not be found.');
    const unknownPage = await fetch(`${srv.url}/admin/nothing/here`, { headers: { cookie } });
    expect(unknownPage.status).toBe(404);
    const badOrigin = await post(`/projects/${srv.project.project_id}/origins`, form({ _csrf: csrf, origin: 'not a url' }));
    expect(badOrigin.status).toBe(400);
    for (const res of [json, huge, unknownProject, unknownPage, badOrigin]) {
      const text = await res.clone().text();
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    expect(await srv.server.runtime.deps.stores.projectSdk.origins(srv.project.project_id)).toEqual([]);
  });

  it('escapes what users typed', async () => {
    const client = new stytch.Client({ project_id: srv.project.project_id, secret: srv.project.secret, env: `${srv.url}/` });
    const { user_id } = await client.users.create({ email: 'xss@example.com', name: { first_name: '<script>alert(1)</script>' } });
    const { cookie } = await session();
    const page = await (await fetch(`${srv.url}/admin/projects/${srv.project.project_id}/users/${user_id}`, { headers: { cookie } })).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    const search = await (await fetch(`${srv.url}/admin/projects/${srv.project.project_id}/users?q=${encodeURIComponent('"><b>x')}`, { headers: { cookie } })).text();
    expect(search).toContain('value="&quot;&gt;&lt;b&gt;x"');
  });

  it('records every console write, and failed sign-ins, in the audit log; the audit page shows them', async () => {
    const { cookie, csrf } = await session();
    const deps = srv.server.runtime.deps;
    const res = await fetch(`${srv.url}/admin/projects/${srv.project.project_id}/keys/rotate`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ _csrf: csrf, alg: 'ES256' }),
    });
    expect(res.status).toBe(303);
    expect((await signIn('ops', 'not-the-password-at-all')).status).toBe(401);
    await deps.audit.flush();
    const [failed, rotated] = await deps.stores.audit.query({ action_prefix: 'admin.', limit: 2 });
    expect(failed).toMatchObject({ actor_type: 'admin', actor_id: 'ops', action: 'admin.sign_in', status: 401, ip: '127.0.0.1', details: { username: 'ops' } });
    expect(rotated).toMatchObject({ actor_type: 'admin', actor_id: 'ops', action: 'admin.project.keys.rotate', project_id: srv.project.project_id, status: 200, details: { alg: 'ES256' } });
    expect(JSON.stringify(failed)).not.toContain('not-the-password-at-all');
    const page = await (await fetch(`${srv.url}/admin/audit?action=admin.project`, { headers: { cookie } })).text();
    expect(page).toContain('admin.project.keys.rotate');
    expect(page).toContain(rotated!.target!);
    expect(page).not.toContain('admin.sign_in');
  });

  it('limits sign-in attempts per address (429 with Retry-After), known usernames or not', async () => {
    const statuses: number[] = [];
    // Parallel, to show the limit holds under it; unknown usernames, so no account gets locked.
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => signIn(`nobody-${i}`, 'wrong-password-123')));
    for (const r of results) statuses.push(r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    const limited = results.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password too, while the window lasts; a new window lets it in.
    expect((await signIn()).status).toBe(429);
    srv.clock.advance(10 * 60_000);
    expect((await signIn()).status).toBe(303);
  });
});
