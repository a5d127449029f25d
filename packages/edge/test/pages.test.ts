/**
 * `@cloudflare/pages-plugin-stytch` 1.0.0 and `@tessera/edge/pages` side by side: the same Pages project
 * (built by `wrangler pages functions build`), the same real Tessera server, run in workerd (Miniflare).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Miniflare } from 'miniflare';
import { startCountedServer, type CountedServer, type Login } from './fixtures/server.js';
import { assertEdgeBuilt, buildFunctions, pagesMiniflare } from './fixtures/pages-build.js';

const FUNCTIONS = fileURLToPath(new URL('./fixtures/pages/functions', import.meta.url));

let t: CountedServer;

/** Miniflare's KV type is written against workers-types, which this repo does not install. */
const kv = async (m: Miniflare, name: string) => (await m.getKVNamespace(name)) as unknown as { put(key: string, value: string): Promise<void> };

let built: { dir: string; script: string };
let mf: Miniflare;
let live: Login;

type Answer = { status: number; body: any; setCookie: string | null };

async function get(path: string, cookie?: string | null): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (cookie !== null && cookie !== undefined) headers.cookie = cookie;
  const res = await mf.dispatchFetch(`http://app.local${path}`, { headers });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, setCookie: res.headers.get('set-cookie') };
}

const reached = (a: Answer) => a.status === 200 && a.body?.reached === true;

beforeAll(async () => {
  assertEdgeBuilt();
  [t, built] = await Promise.all([startCountedServer(), buildFunctions(FUNCTIONS)]);
  mf = pagesMiniflare(built.script, {
    bindings: { STYTCH_PROJECT_ID: t.srv.project.project_id, STYTCH_SECRET: t.srv.project.secret, STYTCH_ENV: t.env, WORKER_SECRET: t.srv.project.secret },
    kvNamespaces: ['JWKS', 'SECRETS'],
  });
  await mf.ready;
  await (await kv(mf, 'SECRETS')).put('stytch_secret', t.srv.project.secret);
  live = await t.login();
}, 90_000);

afterAll(async () => {
  await mf?.dispose();
  await t?.close();
  if (built) fs.rmSync(built.dir, { recursive: true, force: true });
});

describe('official plugin and @tessera/edge/pages against the same server', () => {
  it('valid session_token cookie: downstream sees the session and the user, in both', async () => {
    for (const prefix of ['/official', '/tessera']) {
      const a = await get(`${prefix}/me`, `session_token=${live.session_token}`);
      expect(a.status, prefix).toBe(200);
      expect(a.body.session.session.session_id).toBe(live.session_id);
      expect(a.body.session.user.user_id).toBe(live.user_id);
      expect(a.body.session.session_token).toBe(live.session_token);
    }
  });

  it('revoked, expired, garbage and missing cookies: downstream not reached by either', async () => {
    const revoked = await t.login();
    await t.revoke(revoked.session_token);
    const expiring = await t.login(undefined, 5);
    t.srv.clock.advance(6 * 60_000);
    try {
      const cases: Record<string, string> = {
        revoked: `session_token=${revoked.session_token}`,
        expired: `session_token=${expiring.session_token}`,
        garbage: 'session_token=not-a-token',
        missing: 'theme=dark',
      };
      for (const [name, cookie] of Object.entries(cases)) {
        const official = await get('/official/me', cookie);
        const tessera = await get('/tessera/me', cookie);
        expect(reached(official), `official ${name}`).toBe(false);
        expect(reached(tessera), `tessera ${name}`).toBe(false);
        // The difference: a Stytch-shaped 401 JSON rather than an empty body. The official plugin means a 403, but
        // its Pages-plugin wrapper rebuilds the response as `{...response, headers}`, losing the status: 200 here.
        expect(official.status, `official ${name}`).toBe(200);
        expect(official.body, `official ${name}`).toBe('');
        expect(tessera.status, `tessera ${name}`).toBe(401);
        expect(tessera.body).toMatchObject({
          status_code: 401,
          error_type: 'user_unauthenticated',
          request_id: expect.any(String),
          error_message: expect.any(String),
          error_url: expect.stringContaining('user_unauthenticated'),
        });
      }
    } finally {
      t.srv.clock.reset();
    }
  });

  it('no Cookie header at all: 401 from Tessera, 500 from the official plugin (cookie.parse(null) throws)', async () => {
    const official = await get('/official/me', null);
    const tessera = await get('/tessera/me', null);
    expect(reached(official)).toBe(false);
    expect(official.status).toBe(500);
    expect(tessera.status).toBe(401);
    expect(tessera.body.error_type).toBe('user_unauthenticated');
  });
});

describe('@tessera/edge/pages only', () => {
  it('reads the secret from a KV namespace', async () => {
    expect((await get('/kv/me', `session_token=${live.session_token}`)).body.session.user.user_id).toBe(live.user_id);
    expect(reached(await get('/kv/me', 'session_token=nope'))).toBe(false);
  });

  it('reads the secret from a Workers secret binding (a function of env)', async () => {
    expect((await get('/fn/me', `session_token=${live.session_token}`)).body.session.user.user_id).toBe(live.user_id);
  });

  it("accepts the browser SDK's stytch_session and stytch_session_jwt cookies; the names are configurable", async () => {
    expect(reached(await get('/official/me', `stytch_session=${live.session_token}`))).toBe(false);
    expect((await get('/tessera/me', `stytch_session=${live.session_token}`)).body.session.user.user_id).toBe(live.user_id);
    expect((await get('/tessera/me', `stytch_session_jwt=${live.session_jwt}`)).body.session.user.user_id).toBe(live.user_id);
    expect((await get('/names/me', `my_session=${live.session_token}`)).body.session.user.user_id).toBe(live.user_id);
    expect(reached(await get('/names/me', `session_token=${live.session_token}`))).toBe(false);
  });

  it('opaque-token mode with cache.ttl_seconds: one API call per token within the TTL', async () => {
    const l = await t.login();
    const calls = () => t.count((r) => r === 'POST /v1/sessions/authenticate');
    const before = calls();
    for (let i = 0; i < 3; i++) expect(reached(await get('/cached/me', `session_token=${l.session_token}`))).toBe(true);
    expect(calls()).toBe(before + 1);
    expect(reached(await get('/tessera/me', `session_token=${l.session_token}`))).toBe(true); // uncached route
    expect(calls()).toBe(before + 2);
  });
});

describe('JWT mode', () => {
  it('no request to the server while the JWT is valid; one API call after expiry, which sets the refreshed JWT cookie', async () => {
    const l = await t.login();
    const cookie = `stytch_session_jwt=${l.session_jwt}`;
    const first = await get('/jwt/me', cookie); // may fetch the JWKS once
    expect(first.status).toBe(200);
    expect(first.body.session.session.session_id).toBe(l.session_id);
    expect(first.setCookie).toBeNull();
    const before = t.count();
    for (let i = 0; i < 5; i++) expect(reached(await get('/jwt/me', cookie))).toBe(true);
    expect(t.count()).toBe(before); // not even the JWKS

    // The JWT lives 5 minutes; move the server 10 minutes on and mint one "in the past".
    t.srv.clock.advance(-10 * 60_000);
    const old = await t.login();
    t.srv.clock.reset();
    const expiredCookie = `stytch_session_jwt=${old.session_jwt}`;
    const n0 = t.count();
    const refreshed = await get('/jwt/me', expiredCookie);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.session.session.session_id).toBe(old.session_id);
    expect(t.requests.slice(n0)).toEqual(['POST /v1/sessions/authenticate']);
    expect(refreshed.setCookie).toMatch(/^stytch_session_jwt=[\w.-]+; Path=\/; Expires=.*; SameSite=Lax$/);
    const fresh = decodeURIComponent(refreshed.setCookie!.split(';')[0]!.split('=')[1]!);
    expect(fresh).not.toBe(old.session_jwt);
    const n1 = t.count();
    expect(reached(await get('/jwt/me', `stytch_session_jwt=${fresh}`))).toBe(true);
    expect(t.count()).toBe(n1);
  });

  it('rejects a garbage or tampered JWT locally, without calling the server', async () => {
    const l = await t.login();
    const n0 = t.count();
    const [h, p] = l.session_jwt.split('.');
    for (const jwt of ['garbage', `${h}.${p}.AAAA`]) {
      const a = await get('/jwt/me', `stytch_session_jwt=${jwt}`);
      expect(a.status).toBe(401);
      expect(a.body.error_type).toBe('user_unauthenticated');
    }
    expect(t.count()).toBe(n0);
  });

  it('a JWT signed by a key unknown to the isolate costs one request (the API, or a JWKS refetch after the cooldown)', async () => {
    const before = await t.login();
    expect(reached(await get('/jwt/me', `stytch_session_jwt=${before.session_jwt}`))).toBe(true); // JWKS cached
    await t.srv.rotateKeys({ immediate: true });
    const l = await t.login();
    const n0 = t.count();
    const a = await get('/jwt/me', `stytch_session_jwt=${l.session_jwt}`);
    expect(a.status).toBe(200);
    expect(a.body.session.session.session_id).toBe(l.session_id);
    const sent = t.requests.slice(n0);
    expect(sent).toHaveLength(1);
    expect(['POST /v1/sessions/authenticate', `GET /v1/sessions/jwks/${t.srv.project.project_id}`]).toContain(sent[0]);
  });

  it('shares the JWKS across isolates through KV: a fresh Miniflare on the same KV makes no request', async () => {
    const l = await t.login();
    const kvPersist = fs.mkdtempSync(`${built.dir}/kv-`);
    const opts = {
      bindings: { STYTCH_PROJECT_ID: t.srv.project.project_id, STYTCH_SECRET: t.srv.project.secret, STYTCH_ENV: t.env },
      kvNamespaces: ['JWKS'],
      kvPersist,
    };
    const a = pagesMiniflare(built.script, opts);
    try {
      const r = await a.dispatchFetch('http://app.local/jwt/me', { headers: { cookie: `stytch_session_jwt=${l.session_jwt}` } });
      expect(r.status).toBe(200);
      await r.text();
    } finally {
      await a.dispose();
    }
    const n0 = t.count();
    const b = pagesMiniflare(built.script, opts);
    try {
      const r = await b.dispatchFetch('http://app.local/jwt/me', { headers: { cookie: `stytch_session_jwt=${l.session_jwt}` } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as any).session.session.session_id).toBe(l.session_id);
    } finally {
      await b.dispose();
    }
    expect(t.count()).toBe(n0);
  });
});
