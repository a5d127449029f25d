/**
 * The example app (`apps/example-next`) end to end in Chromium, started the way `npm run example` starts it
 * (its runner script: Tessera from the CLI with a seeded demo organization, `next build` into `.next-e2e`
 * when the sources changed, `next start -H 127.0.0.1`), on random free ports and a temporary data dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { B2BClient } from '@tessera/node';
import { launchChromium, requireChromium, OUT_DIR, recordRequests } from './fixtures/browser.js';
import { startProcess, type Started } from './fixtures/processes.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const RUNNER = path.join(REPO, 'apps/example-next/scripts/example.mjs');

interface DemoState {
  project_id: string;
  secret: string;
  public_token: string;
  organization_id: string;
  organization_slug: string;
  member_id: string;
  email_address: string;
  password: string;
}

let runner: Started | undefined;
let dataDir: string;
let browser: Browser | undefined;
let appUrl: string;
let tesseraUrl: string;
let demo: DemoState;
let b2b: B2BClient;

const hasChromium = requireChromium();

beforeAll(async () => {
  if (!hasChromium) return; // each test fails with the one-line reason; nothing is built or started
  browser = await launchChromium();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-example-'));
  runner = startProcess(process.execPath, [RUNNER], {
    cwd: REPO,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      TESSERA_PORT: '0',
      EXAMPLE_PORT: '0',
      EXAMPLE_DATA_DIR: dataDir,
      EXAMPLE_DIST_DIR: '.next-e2e',
      EXAMPLE_BUILD: 'auto',
      EXAMPLE_WRITE_ENV: '0',
      EXAMPLE_QUIET: '1',
    },
  });
  appUrl = (await runner.waitFor(/Example app:\s+(http:\/\/127\.0\.0\.1:\d+)\/login/, 240_000))[1]!;
  tesseraUrl = (await runner.waitFor(/Tessera:\s+(http:\/\/127\.0\.0\.1:\d+)/, 1_000))[1]!;
  demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'example.json'), 'utf8'));
  b2b = new B2BClient({ project_id: demo.project_id, secret: demo.secret, base_url: tesseraUrl });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

/** A fresh context (own cookies and localStorage) that records every request. */
async function newContext() {
  const context = await browser!.newContext();
  const requests = recordRequests(context);
  return { context, requests };
}

async function login(page: Page): Promise<void> {
  await page.goto(`${appUrl}/login`);
  await expect.poll(() => page.inputValue('input[name=organization]')).toBe(demo.organization_slug);
  await page.fill('input[name=email]', demo.email_address);
  await page.fill('input[name=password]', demo.password);
  await page.click('#login');
  await page.waitForURL(`${appUrl}/profile`);
  await checkedWithServer(page);
}

/** The profile shows the member, with a session checked with the server (`fromCache: false`). */
async function checkedWithServer(page: Page): Promise<void> {
  await page.waitForSelector('#session-state[data-initialized="true"][data-from-cache="false"]');
  await expect.poll(() => page.textContent('#member-email')).toBe(demo.email_address);
}

async function sessionCookies(context: BrowserContext) {
  const all = await context.cookies(appUrl);
  return { token: all.find((c) => c.name === 'stytch_session'), jwt: all.find((c) => c.name === 'stytch_session_jwt') };
}

const authenticateCalls = (urls: string[]) => urls.filter((u) => u.endsWith('/sdk/v1/b2b/sessions/authenticate')).length;

describe('example app (Next.js, @tessera/nextjs) in Chromium', () => {
  it('npm run example printed the demo login, and the login page logs the member into the organization', async () => {
    expect(runner!.output()).toContain(`email:        ${demo.email_address}`);
    expect(runner!.output()).toContain(`password:     ${demo.password}`);
    const { context, requests } = await newContext();
    const page = await context.newPage();
    await login(page);

    await expect.poll(() => page.textContent('#organization-name')).toBe('Acme Inc.');
    const { token, jwt } = await sessionCookies(context);
    expect(token?.value).toMatch(/^[\w-]{44}$/);
    expect(jwt?.value.split('.')).toHaveLength(3);
    expect(token?.httpOnly).toBe(false); // written by the browser client, as the official SDK does
    expect(token?.sameSite).toBe('Lax');
    const sessionId = await page.textContent('#session-id');
    const { member_session } = await b2b.sessions.authenticate({ session_token: token!.value });
    expect(member_session.member_session_id).toBe(sessionId);

    fs.mkdirSync(OUT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(OUT_DIR, 'profile.png'), fullPage: true });
    expect(requests.offLoopback()).toEqual([]);
    await context.close();
  });

  it('after a reload the profile comes from the cache first, then checked with the server', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await login(page);

    // Hold the background session check so the cached state can be seen, then let it through.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route('**/sdk/v1/b2b/sessions/authenticate', async (route) => {
      await released;
      await route.continue();
    });
    await page.reload();
    await page.waitForSelector('#session-state[data-initialized="true"][data-from-cache="true"]');
    expect(await page.textContent('#member-email')).toBe(demo.email_address);
    release();
    await checkedWithServer(page);
    await context.close();
  });

  it('protected route: 200 with the session, 401 after logout (also for the old token); the server action runs for the member', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await login(page);

    await page.click('#call-protected');
    await expect.poll(() => page.textContent('#protected-status')).toMatch(/^200 /);
    expect(await page.textContent('#protected-status')).toContain(demo.email_address);

    await page.click('#save-note');
    await expect.poll(() => page.textContent('#note-result')).toBe(`saved "hello" for ${demo.email_address}`);

    const { token } = await sessionCookies(context);
    await page.click('#logout');
    await page.waitForURL(`${appUrl}/login`);
    expect(await sessionCookies(context)).toEqual({ token: undefined, jwt: undefined });

    const noCookie = await context.request.get(`${appUrl}/api/my_protected_route`);
    expect(noCookie.status()).toBe(401);
    const oldToken = await fetch(`${appUrl}/api/my_protected_route`, { headers: { cookie: `stytch_session=${token!.value}` } });
    expect(oldToken.status).toBe(401);
    expect(await oldToken.json()).toEqual({ errorString: 'session_not_found' });
    await context.close();
  });

  it('middleware: no stytch_session_jwt (or a bad one) redirects to /login; a valid one lets the page through', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await login(page);
    const { token, jwt } = await sessionCookies(context);

    const get = (cookie: string) => fetch(`${appUrl}/profile`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const cookie of ['', `stytch_session=${token!.value}`, `stytch_session_jwt=${jwt!.value.slice(0, -4)}AAAA`]) {
      const res = await get(cookie);
      expect(res.status, cookie).toBe(307);
      expect(new URL(res.headers.get('location')!, appUrl).pathname).toBe('/login');
    }
    expect((await get(`stytch_session_jwt=${jwt!.value}`)).status).toBe(200);

    // In the browser: drop the JWT cookie and navigate; the middleware sends the page to /login.
    await context.clearCookies({ name: 'stytch_session_jwt' });
    await page.goto(`${appUrl}/profile`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('refreshes every 3 minutes, and a session revoked on the server logs the browser out at the next refresh', async () => {
    const { context, requests } = await newContext();
    const page = await context.newPage();
    await page.clock.install(); // before the app loads, so its timers are the fake ones
    await login(page);

    const before = authenticateCalls(requests.urls);
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/sdk/v1/b2b/sessions/authenticate'));
    await page.clock.fastForward('02:50');
    await new Promise((r) => setTimeout(r, 300));
    expect(authenticateCalls(requests.urls)).toBe(before); // not before 3 minutes
    await page.clock.fastForward('00:10');
    expect((await refreshed).status()).toBe(200);
    expect(authenticateCalls(requests.urls)).toBe(before + 1);
    expect((await sessionCookies(context)).jwt).toBeDefined();
    expect(new URL(page.url()).pathname).toBe('/profile');

    const sessionId = (await page.textContent('#session-id'))!;
    await b2b.sessions.revoke({ member_session_id: sessionId });
    await page.clock.fastForward('03:00');
    await page.waitForURL(`${appUrl}/login`);
    expect(await sessionCookies(context)).toEqual({ token: undefined, jwt: undefined });
    await context.close();
  });

  it('two tabs stay in sync: a login in one reaches the other, a logout in one logs out both', async () => {
    const { context } = await newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    await b.goto(`${appUrl}/login`);
    await login(a);
    await b.waitForURL(`${appUrl}/profile`); // the login page follows the session that appeared in tab A
    await checkedWithServer(b);

    await a.click('#logout');
    await a.waitForURL(`${appUrl}/login`);
    await b.waitForURL(`${appUrl}/login`);
    await context.close();
  });
});
