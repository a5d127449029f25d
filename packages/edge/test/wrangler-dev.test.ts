/**
 * Smoke test of `apps/pages-example` under `wrangler pages dev` (wrangler 4.86.0): one authenticated and
 * one unauthenticated request through `@tessera/edge/pages` (its built `dist/`, as a user gets it),
 * against a real Tessera server on loopback. Wrangler runs in its own process group, stopped by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountedServer, type CountedServer } from './fixtures/server.js';
import { assertEdgeBuilt } from './fixtures/pages-build.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP = path.join(ROOT, 'apps/pages-example');
const WRANGLER = path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

let t: CountedServer;
let child: ChildProcess | undefined;
let base: string;
let log = '';
let state: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function stop(): Promise<void> {
  const c = child;
  child = undefined;
  if (!c?.pid || c.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 5_000);
    c.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-c.pid!, 'SIGTERM'); // the process group: wrangler, its node child and workerd
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

async function waitReady(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`wrangler exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not yet listening
    }
    if (Date.now() > until) throw new Error(`wrangler pages dev not ready after ${ms} ms:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  assertEdgeBuilt();
  t = await startCountedServer();
  const port = await freePort();
  state = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-pages-dev-'));
  base = `http://127.0.0.1:${port}`;
  // prettier-ignore
  const args = [WRANGLER, 'pages', 'dev', 'public', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0',
    '--compatibility-date', '2025-01-01', '--persist-to', state,
    '--binding', `STYTCH_PROJECT_ID=${t.srv.project.project_id}`, '--binding', `STYTCH_SECRET=${t.srv.project.secret}`, '--binding', `STYTCH_ENV=${t.env}`];
  child = spawn(process.execPath, args, {
    cwd: APP,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', NO_COLOR: '1' },
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  try {
    await waitReady(`${base}/`, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
}, 90_000);

afterAll(async () => {
  await stop();
  await t?.close();
  if (state) fs.rmSync(state, { recursive: true, force: true });
  fs.rmSync(path.join(APP, '.wrangler'), { recursive: true, force: true });
}, 20_000);

describe('wrangler pages dev: apps/pages-example', () => {
  it('serves the public page, the session to an authenticated request and a 401 JSON to an unauthenticated one', async () => {
    const page = await fetch(`${base}/`);
    expect(await page.text()).toContain('Tessera on Cloudflare Pages');

    const l = await t.login();
    const ok = await fetch(`${base}/api/me`, { headers: { cookie: `session_token=${l.session_token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ user_id: l.user_id, session_id: l.session_id });
    expect(t.requests).toContain('POST /v1/sessions/authenticate');

    const no = await fetch(`${base}/api/me`);
    expect(no.status).toBe(401);
    expect(await no.json()).toMatchObject({ status_code: 401, error_type: 'user_unauthenticated' });
  });
});
