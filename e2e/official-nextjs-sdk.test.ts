/**
 * The official `@stytch/nextjs` 22.3.0 React bindings, unchanged in Chromium against a real Tessera server:
 * `createStytchB2BClient` / `StytchB2BProvider` / `useStytchMember` / `useStytchMemberSession` /
 * `useStytchOrganization` / `useStytchB2BClient` from `@stytch/nextjs/b2b`, and `createStytchClient` /
 * `StytchProvider` / `useStytchUser` / `useStytchSession` / `useStytch` from `@stytch/nextjs`, configured with
 * `endpoints: { testAPIURL, liveAPIURL }`. The app (e2e/fixtures/nextjs-sdk-app.tsx) is bundled with esbuild
 * at test time (production React, as `next build` ships it to the browser) and served by a node:http server;
 * it renders each hook's envelope as JSON and records every committed render in `window.renders`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { B2BClient, Client } from '@tessera/node';
import { startServer, type TestProject, type TestServer } from '@tessera/test-utils';
import { updateProjectSdkSettings } from '../packages/server/src/domain/sdk/project-sdk-settings.js';
import { launchChromium, requireChromium, recordRequests } from './fixtures/browser.js';

const ENTRY = path.resolve(import.meta.dirname, 'fixtures/nextjs-sdk-app.tsx');
const PASSWORD = 'correct-horse-battery-staple-42!';
const B2B_AUTHENTICATE = '/sdk/v1/b2b/sessions/authenticate';
const CONSUMER_AUTHENTICATE = '/sdk/v1/sessions/authenticate';

let srv: TestServer | undefined;
let pages: http.Server | undefined;
let pagesUrl: string;
let browser: Browser | undefined;
let b2bProject: TestProject;

/** The app as a browser gets it from `next build`: one production bundle of React and the SDK. */
async function bundleApp(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function startPages(script: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><title>@stytch/nextjs</title><div id="root"></div><script src="/app.js"></script>');
    } else {
      res.writeHead(pathname === '/favicon.ico' ? 204 : 404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const hasChromium = requireChromium();

beforeAll(async () => {
  if (!hasChromium) return; // each test fails with the one-line reason; nothing is built or started
  const [script, launched, started] = await Promise.all([bundleApp(), launchChromium(), startServer()]);
  browser = launched;
  srv = started;
  b2bProject = await srv.createProject();
  await updateProjectSdkSettings(srv.server.runtime.deps, b2bProject.project_id, { vertical: 'B2B' });
  pages = await startPages(script);
  pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  await srv?.close();
}, 30_000);

const uniqueEmail = (tag: string) => `${tag}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}@example.com`;

type Vertical = 'b2b' | 'consumer';

async function openApp(vertical: Vertical, project: TestProject, opts: { clock?: boolean } = {}) {
  const context = await browser!.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (opts.clock) await page.clock.install(); // before the SDK loads, so its refresh timer is a fake one
  const url = `${pagesUrl}/?vertical=${vertical}&token=${project.public_token}&api=${encodeURIComponent(srv!.url)}`;
  await page.goto(url);
  await page.waitForSelector('#status');
  return { context, page, requests, url, errors };
}

/** A hook's envelope as the app rendered it (`<pre id=…>`). */
async function hook(page: Page, id: string): Promise<any> {
  return JSON.parse((await page.textContent(`#${id}`)) ?? 'null');
}

async function stytchCookies(context: BrowserContext) {
  const all = await context.cookies(pagesUrl);
  return { token: all.find((c) => c.name === 'stytch_session'), jwt: all.find((c) => c.name === 'stytch_session_jwt') };
}

/** Fills the login form and clicks "Log in"; resolves once the SDK call ended (`#status`). */
async function submitLogin(page: Page, fields: { org?: string; email: string; password: string }) {
  if (fields.org !== undefined) await page.fill('#org', fields.org);
  await page.fill('#email', fields.email);
  await page.fill('#password', fields.password);
  await page.click('#login');
  await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'pending');
  return page.textContent('#status');
}

async function clickLogout(page: Page) {
  await page.click('#logout');
  await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'pending');
  return page.textContent('#status');
}

/** An organization and a member with PASSWORD in the B2B project (B2B passwords come in by migration). */
async function member() {
  const b2b = new B2BClient({ ...b2bProject, base_url: srv!.url });
  const { organization } = await b2b.organizations.create({ organization_name: 'Acme', organization_slug: `acme-${crypto.randomBytes(4).toString('hex')}` });
  const email = uniqueEmail('member');
  await b2b.passwords.migrate({ organization_id: organization.organization_id, email_address: email, hash: crypto.createHash('md5').update(PASSWORD).digest('hex'), hash_type: 'md_5' });
  return { b2b, organization, email };
}

async function b2bLogin(page: Page) {
  const m = await member();
  expect(await submitLogin(page, { org: m.organization.organization_id, email: m.email, password: PASSWORD })).toBe('ok');
  await page.waitForFunction(() => JSON.parse(document.getElementById('member-session')!.textContent!).session !== null);
  return m;
}

type Render = Record<string, { isInitialized: boolean; fromCache: boolean; id: string | null }>;
const renders = (page: Page) => page.evaluate(() => (window as unknown as { renders: Render[] }).renders);

/**
 * Holds the page's `sessions/authenticate` calls until `release()`, so the cached state is observable
 * before the fresh one lands.
 */
async function holdAuthenticate(page: Page, pathSuffix: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(`**${pathSuffix}`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The order a reload must render in: nothing yet, then the cached identity, then the fresh one, never a logged-out frame. */
function expectCacheThenFresh(seq: Render[], keys: string[]) {
  for (const key of keys) {
    const states = seq.map((r) => r[key]!);
    expect(states[0], key).toMatchObject({ isInitialized: false, fromCache: false, id: null });
    const firstCached = states.findIndex((s) => s.isInitialized && s.fromCache);
    const firstFresh = states.findIndex((s) => s.isInitialized && !s.fromCache);
    expect(firstCached, `${key}: a fromCache: true render`).toBeGreaterThan(0);
    expect(firstFresh, `${key}: fromCache: false after fromCache: true`).toBeGreaterThan(firstCached);
    expect(states.slice(firstCached).every((s) => s.id !== null), `${key}: never null once initialized`).toBe(true);
    expect(states.at(-1)).toMatchObject({ isInitialized: true, fromCache: false });
  }
}

describe('official @stytch/nextjs 22.3.0 B2B hooks (StytchB2BProvider) in Chromium', () => {
  it('logs in through the form: cookies set; useStytchMember / useStytchMemberSession / useStytchOrganization show the member, session and organization', async () => {
    const { context, page, requests, errors } = await openApp('b2b', b2bProject);
    // Before any login the hooks are initialized and empty.
    await page.waitForFunction(() => JSON.parse(document.getElementById('member-session')!.textContent!).isInitialized === true);
    expect(await hook(page, 'member-session')).toEqual({ session: null, fromCache: false, isInitialized: true });

    const { b2b, organization, email } = await b2bLogin(page);
    const [m, s, o] = [await hook(page, 'member'), await hook(page, 'member-session'), await hook(page, 'organization')];
    expect(m).toMatchObject({ isInitialized: true, fromCache: false, member: { email_address: email, organization_id: organization.organization_id, status: 'active' } });
    expect(s).toMatchObject({ isInitialized: true, fromCache: false, session: { member_id: m.member.member_id, organization_id: organization.organization_id } });
    expect(s.session.member_session_id).toMatch(/^(member-)?session-test-/);
    expect(s.session.authentication_factors[0]).toMatchObject({ type: 'password', delivery_method: 'knowledge' });
    expect(o).toMatchObject({ isInitialized: true, fromCache: false, organization: { organization_id: organization.organization_id, organization_name: 'Acme' } });

    const { token, jwt } = await stytchCookies(context);
    expect(token?.value).toMatch(/^[\w-]{44}$/);
    expect(jwt?.value.split('.')).toHaveLength(3);
    const checked = await b2b.sessions.authenticate({ session_token: token!.value });
    expect(checked.member_session.member_session_id).toBe(s.session.member_session_id);
    expect(requests.offLoopback()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after a reload: every hook renders uninitialized, then fromCache: true, then fromCache: false (held until released)', async () => {
    const { context, page, url, requests, errors } = await openApp('b2b', b2bProject);
    const { email } = await b2bLogin(page);
    const memberId = (await hook(page, 'member')).member.member_id;

    const release = await holdAuthenticate(page, B2B_AUTHENTICATE);
    await page.goto(url);
    await page.waitForFunction(() => JSON.parse(document.getElementById('member-session')!.textContent!).isInitialized === true);
    // The authenticate call is still held: what shows now comes from the SDK's cache.
    expect(await hook(page, 'member-session')).toMatchObject({ fromCache: true, isInitialized: true, session: { member_id: memberId } });
    expect(await hook(page, 'member')).toMatchObject({ fromCache: true, member: { email_address: email } });
    expect(await hook(page, 'organization')).toMatchObject({ fromCache: true, organization: { organization_name: 'Acme' } });

    release();
    await page.waitForFunction(() =>
      ['member', 'member-session', 'organization'].every((id) => JSON.parse(document.getElementById(id)!.textContent!).fromCache === false),
    );
    expect(await hook(page, 'member')).toMatchObject({ fromCache: false, member: { member_id: memberId } });
    expectCacheThenFresh(await renders(page), ['member', 'session', 'organization']);
    expect(requests.offLoopback()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refreshes every 3 minutes (page.clock); once the session is revoked on the server the next refresh logs the hooks out and clears the cookies', async () => {
    const { context, page, requests } = await openApp('b2b', b2bProject, { clock: true });
    const isAuthenticate = (u: string) => u.endsWith(B2B_AUTHENTICATE);
    const { b2b } = await b2bLogin(page);
    const sessionId = (await hook(page, 'member-session')).session.member_session_id as string;
    await page.clock.fastForward('00:05'); // let the login's own timers settle
    const before = requests.urls.filter(isAuthenticate).length;

    await page.clock.fastForward('02:40');
    await new Promise((r) => setTimeout(r, 300));
    expect(requests.urls.filter(isAuthenticate).length).toBe(before); // nothing before 3 minutes
    const refreshed = page.waitForResponse((r) => isAuthenticate(r.url()) && r.request().method() === 'POST');
    await page.clock.fastForward('00:20');
    expect((await refreshed).status()).toBe(200);
    expect(requests.urls.filter(isAuthenticate).length).toBe(before + 1);
    expect((await hook(page, 'member-session')).session.member_session_id).toBe(sessionId);

    await b2b.sessions.revoke({ member_session_id: sessionId });
    const refused = page.waitForResponse((r) => isAuthenticate(r.url()));
    await page.clock.fastForward('03:00');
    expect((await refused).status()).toBe(404); // session_not_found: one of the SDK's unrecoverable errors
    await page.waitForFunction(() => JSON.parse(document.getElementById('member-session')!.textContent!).session === null);
    expect(await hook(page, 'member')).toMatchObject({ member: null, isInitialized: true });
    expect(await hook(page, 'organization')).toMatchObject({ organization: null, isInitialized: true });
    expect(await stytchCookies(context)).toEqual({ token: undefined, jwt: undefined });
    expect(requests.offLoopback()).toEqual([]);
    await context.close();
  });

  it('revokes from the browser (useStytchB2BClient().session.revoke): hooks null, cookies gone, the token dead on the server', async () => {
    const { context, page, requests } = await openApp('b2b', b2bProject);
    const { b2b } = await b2bLogin(page);
    const { token } = await stytchCookies(context);
    expect(await clickLogout(page)).toBe('ok');
    await page.waitForFunction(() => JSON.parse(document.getElementById('member-session')!.textContent!).session === null);
    expect(await hook(page, 'member')).toMatchObject({ member: null });
    expect(await hook(page, 'organization')).toMatchObject({ organization: null });
    expect(await stytchCookies(context)).toEqual({ token: undefined, jwt: undefined });
    await expect(b2b.sessions.authenticate({ session_token: token!.value })).rejects.toMatchObject({ error_type: 'session_not_found' });
    expect(requests.urls.some((u) => u.endsWith('/sdk/v1/b2b/sessions/revoke'))).toBe(true);
    expect(requests.offLoopback()).toEqual([]);
    await context.close();
  });
});

describe('official @stytch/nextjs 22.3.0 consumer hooks (StytchProvider) in Chromium', () => {
  it('logs in (useStytchUser / useStytchSession), then after a reload renders fromCache: true before fromCache: false', async () => {
    const { context, page, url, requests, errors } = await openApp('consumer', srv!.project);
    const backend = new Client({ ...srv!.project, base_url: srv!.url });
    const email = uniqueEmail('user');
    const { user_id } = await backend.passwords.create({ email, password: PASSWORD });

    expect(await submitLogin(page, { email, password: PASSWORD })).toBe('ok');
    await page.waitForFunction(() => JSON.parse(document.getElementById('session')!.textContent!).session !== null);
    const user = await hook(page, 'user');
    const session = await hook(page, 'session');
    expect(user).toMatchObject({ isInitialized: true, fromCache: false, user: { user_id, emails: [{ email }] } });
    expect(session).toMatchObject({ isInitialized: true, fromCache: false, session: { user_id } });
    const { token, jwt } = await stytchCookies(context);
    expect(token?.value).toMatch(/^[\w-]{44}$/);
    expect(jwt?.value.split('.')).toHaveLength(3);
    expect((await backend.sessions.authenticate({ session_token: token!.value })).session.session_id).toBe(session.session.session_id);

    const release = await holdAuthenticate(page, CONSUMER_AUTHENTICATE);
    await page.goto(url);
    await page.waitForFunction(() => JSON.parse(document.getElementById('session')!.textContent!).isInitialized === true);
    expect(await hook(page, 'session')).toMatchObject({ fromCache: true, session: { session_id: session.session.session_id } });
    expect(await hook(page, 'user')).toMatchObject({ fromCache: true, user: { user_id } });
    release();
    await page.waitForFunction(() => ['user', 'session'].every((id) => JSON.parse(document.getElementById(id)!.textContent!).fromCache === false));
    expect(await hook(page, 'user')).toMatchObject({ fromCache: false, user: { user_id } });
    expectCacheThenFresh(await renders(page), ['user', 'session']);
    expect(requests.offLoopback()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
