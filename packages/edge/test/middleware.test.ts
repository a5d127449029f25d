/**
 * `tesseraMiddleware` in workerd (Miniflare): a plain Workers `fetch` handler and Hono, against a real
 * Tessera server behind a counting proxy. The Worker is bundled by esbuild with every Node builtin refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import { bundle, type Bundle } from '@tessera/test-utils';
import { startCountedServer, type CountedServer, type Login } from './fixtures/server.js';

const ENTRY = fileURLToPath(new URL('./fixtures/worker-entry.ts', import.meta.url));

let t: CountedServer;

/** Miniflare's KV type is written against workers-types, which this repo does not install. */
const kv = async (m: Miniflare, name: string) => (await m.getKVNamespace(name)) as unknown as { put(key: string, value: string): Promise<void> };

let worker: Bundle;
let mf: Miniflare;
let live: Login;
let tmp: string;

function miniflare(extra: Record<string, unknown> = {}): Miniflare {
  return new Miniflare({
    modules: true,
    script: worker.code,
    compatibilityDate: '2025-01-01',
    cf: false,
    bindings: { STYTCH_PROJECT_ID: t.srv.project.project_id, STYTCH_SECRET: t.srv.project.secret, STYTCH_ENV: t.env },
    kvNamespaces: ['REVOKED'],
    ...extra,
  });
}

async function get(m: Miniflare, p: string, cookie?: string) {
  const res = await m.dispatchFetch(`http://worker.local${p}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: (await res.json()) as any, setCookie: res.headers.get('set-cookie') };
}

beforeAll(async () => {
  [t, worker] = await Promise.all([startCountedServer(), bundle(ENTRY, 'neutral')]);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-edge-mw-'));
  mf = miniflare();
  await mf.ready;
  live = await t.login();
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await t?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('tesseraMiddleware in workerd', () => {
  it('bundles with no Node builtin in the graph', () => {
    expect(worker.inputs.some((f) => f.includes('packages/edge/src/'))).toBe(true);
    expect(worker.code).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });

  it('plain Workers fetch handler: the session reaches the handler; otherwise a Stytch-shaped 401', async () => {
    const ok = await get(mf, '/worker/me', `session_token=${live.session_token}`);
    expect(ok.status).toBe(200);
    expect(ok.body.session.user.user_id).toBe(live.user_id);
    for (const cookie of [undefined, 'session_token=garbage']) {
      const no = await get(mf, '/worker/me', cookie);
      expect(no.status).toBe(401);
      expect(no.body).toMatchObject({ status_code: 401, error_type: 'user_unauthenticated' });
      expect(no.body.reached).toBeUndefined();
    }
  });

  it('Hono: c.get("stytch"), a 401 from the middleware, and the refreshed JWT cookie after expiry', async () => {
    const ok = await get(mf, '/hono/me', `stytch_session_jwt=${live.session_jwt}`);
    expect(ok.status).toBe(200);
    expect(ok.body.session.session.session_id).toBe(live.session_id);
    expect((await get(mf, '/hono/me')).status).toBe(401);

    t.srv.clock.advance(-10 * 60_000);
    const old = await t.login();
    t.srv.clock.reset();
    const n0 = t.count();
    const refreshed = await get(mf, '/hono/me', `stytch_session_jwt=${old.session_jwt}`);
    expect(refreshed.status).toBe(200);
    expect(t.requests.slice(n0)).toEqual(['POST /v1/sessions/authenticate']);
    expect(refreshed.setCookie).toMatch(/^stytch_session_jwt=/);
  });

  it('JWT mode: the isRevoked seam rejects a locally valid JWT without calling the server', async () => {
    const l = await t.login();
    const cookie = `stytch_session_jwt=${l.session_jwt}`;
    expect((await get(mf, '/jwt/me', cookie)).status).toBe(200);
    await (await kv(mf, 'REVOKED')).put(l.session_id, '1');
    const n0 = t.count();
    const r = await get(mf, '/jwt/me', cookie);
    expect(r.status).toBe(401);
    expect(r.body.error_message).toMatch(/revoked/);
    expect(t.count()).toBe(n0);
  });

  it('JWT mode with the Cache API: a fresh Miniflare on the same cache makes no request to the server', async () => {
    const cachePersist = fs.mkdtempSync(path.join(tmp, 'cache-'));
    const l = await t.login();
    const cookie = `stytch_session_jwt=${l.session_jwt}`;
    const a = miniflare({ cachePersist });
    try {
      expect((await get(a, '/jwt/me', cookie)).status).toBe(200);
    } finally {
      await a.dispose();
    }
    const n0 = t.count();
    const b = miniflare({ cachePersist });
    try {
      const r = await get(b, '/jwt/me', cookie);
      expect(r.status).toBe(200);
      expect(r.body.session.session.session_id).toBe(l.session_id);
    } finally {
      await b.dispose();
    }
    expect(t.count()).toBe(n0);
  });

  it('JWT mode with the revocation feed: a session revoked on the server is refused by the local check at once (bound 0)', async () => {
    const l = await t.login();
    const cookie = `stytch_session_jwt=${l.session_jwt}`;
    const n0 = t.count();
    expect((await get(mf, '/feed/me', cookie)).status).toBe(200);
    // Accepted locally: the only request was the feed (and the JWKS on this isolate's first JWT).
    expect(t.requests.slice(n0).filter((r) => r.includes('sessions/authenticate'))).toEqual([]);
    expect(t.requests.slice(n0)).toContain('GET /v1/sessions/revocations');
    await t.revoke(l.session_token);
    const n1 = t.count();
    const r = await get(mf, '/feed/me', cookie);
    expect(r.status).toBe(401);
    expect(r.body.error_message).toMatch(/revoked/);
    expect(t.requests.slice(n1).every((q) => q.startsWith('GET /v1/sessions/revocations'))).toBe(true);
  });

  it('the feed is read at most once per bound while fresh, and a failure to read it sends the check to the API', async () => {
    const l = await t.login();
    const cookie = `stytch_session_jwt=${l.session_jwt}`;
    expect((await get(mf, '/feed-lazy/me', cookie)).status).toBe(200);
    const n0 = t.count();
    for (let i = 0; i < 3; i++) expect((await get(mf, '/feed-lazy/me', cookie)).status).toBe(200);
    expect(t.count()).toBe(n0); // fresh list, local JWT: no request at all
    // Within the bound a revocation is not yet seen (that is the bound); another isolate with a wrong
    // secret cannot read the feed, so it asks the API, which refuses the revoked session.
    await t.revoke(l.session_token);
    const other = miniflare({ bindings: { STYTCH_PROJECT_ID: t.srv.project.project_id, STYTCH_SECRET: 'secret-test-wrong-wrong-wrong-wrong', STYTCH_ENV: t.env } });
    try {
      const n1 = t.count();
      const r = await get(other, '/feed/me', cookie);
      expect(r.status).not.toBe(200);
      expect(t.requests.slice(n1)).toContain('POST /v1/sessions/authenticate');
    } finally {
      await other.dispose();
    }
  });

  it('JWT mode verifies ES256 and EdDSA JWTs locally too (a project on the fast signing profile)', async () => {
    for (const alg of ['ES256', 'EdDSA'] as const) {
      await t.srv.rotateKeys({ alg, immediate: true });
      const l = await t.login();
      expect(JSON.parse(Buffer.from(l.session_jwt.split('.')[0]!, 'base64url').toString()).alg).toBe(alg);
      const cookie = `stytch_session_jwt=${l.session_jwt}`;
      const m = miniflare();
      try {
        const n0 = t.count();
        const first = await get(m, '/jwt/me', cookie);
        expect(first.status).toBe(200);
        expect(first.body.session.session.session_id).toBe(l.session_id);
        expect(t.requests.slice(n0)).toEqual([`GET /v1/sessions/jwks/${t.srv.project.project_id}`]);
        const n1 = t.count();
        expect((await get(m, '/jwt/me', cookie)).status).toBe(200);
        expect(t.count()).toBe(n1); // verified in the isolate
      } finally {
        await m.dispose();
      }
    }
  });
});
