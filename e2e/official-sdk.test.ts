/**
 * The official browser SDK, `@stytch/vanilla-js` 6.3.0, unchanged in Chromium against a real Tessera server
 * (`@stytch/nextjs` 22.3.0 and its React hooks: e2e/official-nextjs-sdk.test.ts): its own IIFE build
 * (`dist/iife/index.headless.js`, `dist/iife/b2b/index.headless.js`) loaded by a plain page, configured with
 * `endpoints: { testAPIURL, liveAPIURL }`. Consumer and B2B flows, then the project's HttpOnly cookie mode.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { B2BClient, Client } from '@tessera/node';
import { startServer, type TestProject, type TestServer } from '@tessera/test-utils';
import { updateProjectSdkSettings } from '../packages/server/src/domain/sdk/project-sdk-settings.js';
import { launchChromium, requireChromium, recordRequests } from './fixtures/browser.js';
import { startSdkPages, type SdkPages } from './fixtures/sdk-pages.js';

const PASSWORD = 'correct-horse-battery-staple-42!';

let srv: TestServer | undefined;
let pages: SdkPages | undefined;
let pagesUrl: string;
let browser: Browser | undefined;
let b2bProject: TestProject;
let httpOnlyProject: TestProject;

const hasChromium = requireChromium();

beforeAll(async () => {
  if (!hasChromium) return; // each test fails with the one-line reason; nothing is built or started
  browser = await launchChromium();
  srv = await startServer();
  const deps = srv.server.runtime.deps;
  b2bProject = await srv.createProject();
  await updateProjectSdkSettings(deps, b2bProject.project_id, { vertical: 'B2B' });
  httpOnlyProject = await srv.createProject();
  await updateProjectSdkSettings(deps, httpOnlyProject.project_id, { vertical: 'B2B', http_only_cookies: true });
  pages = await startSdkPages();
  pagesUrl = pages.url;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await srv?.close();
}, 30_000);

const uniqueEmail = (tag: string) => `${tag}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}@example.com`;

/** An organization and a member with PASSWORD in the project (B2B passwords come in by migration). */
async function member(project: TestProject) {
  const b2b = new B2BClient({ ...project, base_url: srv!.url });
  const { organization } = await b2b.organizations.create({ organization_name: 'Acme', organization_slug: `acme-${crypto.randomBytes(4).toString('hex')}` });
  const email = uniqueEmail('member');
  await b2b.passwords.migrate({ organization_id: organization.organization_id, email_address: email, hash: crypto.createHash('md5').update(PASSWORD).digest('hex'), hash_type: 'md_5' });
  return { b2b, organization, email };
}

async function openSdkPage(vertical: 'consumer' | 'b2b', project: TestProject, opts: { clock?: boolean; resume?: boolean } = {}) {
  const context = await browser!.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  if (opts.clock) await page.clock.install(); // before the SDK loads, so its refresh timer is a fake one
  const url = pages!.page(vertical, project.public_token, srv!.url, { resume: opts.resume });
  await page.goto(url);
  await page.waitForFunction(() => 'client' in window);
  return { context, page, requests, url };
}

async function stytchCookies(context: BrowserContext) {
  const all = await context.cookies(pagesUrl);
  return { token: all.find((c) => c.name === 'stytch_session'), jwt: all.find((c) => c.name === 'stytch_session_jwt') };
}

const documentCookie = (page: Page) => page.evaluate(() => document.cookie);
// The SDK's client lives on `window.client` (see html()); page functions reach it untyped.
declare const client: any;

interface Flow {
  vertical: 'consumer' | 'b2b';
  project: () => TestProject;
  authenticatePath: string;
  /** Logs in in the page; returns the identity's email and what the backend needs to revoke the session. */
  login: (page: Page) => Promise<{ email: string; revoke: () => Promise<unknown>; checkToken: (token: string) => Promise<unknown> }>;
  /** The identity, session id and (B2B) organization name the SDK holds. */
  state: (page: Page) => Promise<{ email: string | null; sessionId: string | null; organization?: string | null }>;
}

const flows: Flow[] = [
  {
    vertical: 'consumer',
    project: () => srv!.project,
    authenticatePath: '/sdk/v1/sessions/authenticate',
    async login(page) {
      const backend = new Client({ ...srv!.project, base_url: srv!.url });
      const email = uniqueEmail('user');
      await backend.passwords.create({ email, password: PASSWORD });
      const r = await page.evaluate(
        ([email, password]) => client.passwords.authenticate({ email, password, session_duration_minutes: 60 }).then((r: any) => r.session.session_id as string),
        [email, PASSWORD] as const,
      );
      return { email, revoke: () => backend.sessions.revoke({ session_id: r }), checkToken: (session_token) => backend.sessions.authenticate({ session_token }) };
    },
    state: (page) =>
      page.evaluate(() => ({ email: client.user.getSync()?.emails?.[0]?.email ?? null, sessionId: client.session.getSync()?.session_id ?? null })),
  },
  {
    vertical: 'b2b',
    project: () => b2bProject,
    authenticatePath: '/sdk/v1/b2b/sessions/authenticate',
    async login(page) {
      const { b2b, organization, email } = await member(b2bProject);
      const id = await page.evaluate(
        ([organization_id, email_address, password]) =>
          client.passwords.authenticate({ organization_id, email_address, password, session_duration_minutes: 60 }).then((r: any) => r.member_session.member_session_id as string),
        [organization.organization_id, email, PASSWORD] as const,
      );
      return { email, revoke: () => b2b.sessions.revoke({ member_session_id: id }), checkToken: (session_token) => b2b.sessions.authenticate({ session_token }) };
    },
    state: (page) =>
      page.evaluate(() => ({
        email: client.self.getSync()?.email_address ?? null,
        sessionId: client.session.getSync()?.member_session_id ?? null,
        organization: client.organization.getSync()?.organization_name ?? null,
      })),
  },
];

describe.each(flows)('official @stytch/vanilla-js 6.3.0 ($vertical) in Chromium', (flow) => {
  const isAuthenticate = (u: string) => u.endsWith(flow.authenticatePath);

  it('logs in: stytch_session / stytch_session_jwt cookies, the identity and session (and organization); the token is live on the server', async () => {
    const { context, page, requests } = await openSdkPage(flow.vertical, flow.project());
    const { email, checkToken } = await flow.login(page);
    const state = await flow.state(page);
    expect(state.email).toBe(email);
    expect(state.sessionId).toMatch(/^(member-)?session-test-/);
    if (flow.vertical === 'b2b') expect(state.organization).toBe('Acme');

    const { token, jwt } = await stytchCookies(context);
    expect(token?.value).toMatch(/^[\w-]{44}$/);
    expect(jwt?.value.split('.')).toHaveLength(3);
    expect(token?.httpOnly).toBe(false);
    expect(await documentCookie(page)).toContain(`stytch_session=${token!.value}`);
    await checkToken(token!.value);
    expect(requests.offLoopback()).toEqual([]);
    await context.close();
  });

  it('after a reload: from the cache first (fromCache: true), then fresh (fromCache: false)', async () => {
    const { context, page, url } = await openSdkPage(flow.vertical, flow.project());
    const { email } = await flow.login(page);

    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route(`**${flow.authenticatePath}`, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(url);
    await page.waitForFunction(() => 'client' in window);
    const cached = await page.evaluate(() => client.session.getInfo());
    expect(cached.fromCache).toBe(true);
    expect(cached.session).not.toBeNull();
    expect((await flow.state(page)).email).toBe(email);

    release();
    await page.waitForFunction(() => client.session.getInfo().fromCache === false);
    expect((await flow.state(page)).email).toBe(email);
    await context.close();
  });

  it('refreshes every 3 minutes (page.clock), and logs the browser out once the session was revoked on the server', async () => {
    const { context, page, requests } = await openSdkPage(flow.vertical, flow.project(), { clock: true });
    const { revoke } = await flow.login(page);
    await page.clock.fastForward('00:05'); // let the login's own timers settle
    const before = requests.urls.filter(isAuthenticate).length;

    await page.clock.fastForward('02:40');
    await new Promise((r) => setTimeout(r, 300));
    expect(requests.urls.filter(isAuthenticate).length).toBe(before); // nothing before 3 minutes
    const refreshed = page.waitForResponse((r) => isAuthenticate(r.url()));
    await page.clock.fastForward('00:20');
    expect((await refreshed).status()).toBe(200);
    expect(requests.urls.filter(isAuthenticate).length).toBe(before + 1);
    expect((await flow.state(page)).sessionId).not.toBeNull();

    await revoke();
    const refused = page.waitForResponse((r) => isAuthenticate(r.url()));
    await page.clock.fastForward('03:00');
    expect((await refused).status()).toBe(404); // session_not_found: one of the SDK's unrecoverable errors
    await page.waitForFunction(() => client.session.getSync() === null);
    expect(await stytchCookies(context)).toEqual({ token: undefined, jwt: undefined });
    expect((await flow.state(page)).email).toBeNull();
    await context.close();
  });

  it('revokes from the browser: cookies and state gone, the token dead on the server', async () => {
    const { context, page } = await openSdkPage(flow.vertical, flow.project());
    const { checkToken } = await flow.login(page);
    const { token } = await stytchCookies(context);
    await page.evaluate(() => client.session.revoke());
    expect(await stytchCookies(context)).toEqual({ token: undefined, jwt: undefined });
    expect(await page.evaluate(() => client.session.getSync())).toBeNull();
    await expect(checkToken(token!.value)).rejects.toMatchObject({ error_type: 'session_not_found' });
    await context.close();
  });
});

describe('HttpOnly cookie mode (tessera project cookies --http-only on) with the official B2B SDK', () => {
  async function loginHttpOnly(page: Page) {
    const { b2b, organization, email } = await member(httpOnlyProject);
    const tokens = await page.evaluate(
      ([organization_id, email_address, password]) =>
        client.passwords.authenticate({ organization_id, email_address, password, session_duration_minutes: 60 }).then((r: any) => ({ token: r.session_token, jwt: r.session_jwt })),
      [organization.organization_id, email, PASSWORD] as const,
    );
    return { b2b, email, tokens };
  }

  it('the server sets HttpOnly session cookies that page scripts cannot read; the 3-minute refresh and the revoke go through them', async () => {
    const { context, page, requests } = await openSdkPage('b2b', httpOnlyProject, { clock: true });
    const { b2b, email, tokens } = await loginHttpOnly(page);
    expect(tokens).toEqual({ token: '', jwt: '' });

    const { token, jwt } = await stytchCookies(context);
    expect(token).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(jwt).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(token!.value).toMatch(/^[\w-]{44}$/);
    expect(await documentCookie(page)).not.toContain('stytch_session');
    expect(await page.evaluate(() => client.self.getSync()?.email_address)).toBe(email);
    expect(await page.evaluate(() => client.organization.getSync()?.organization_name)).toBe('Acme');
    await b2b.sessions.authenticate({ session_token: token!.value });

    const refreshed = page.waitForResponse((r) => r.url().endsWith('/sdk/v1/b2b/sessions/authenticate'));
    await page.clock.fastForward('03:00');
    expect((await refreshed).status()).toBe(200);
    expect(await page.evaluate(() => client.session.getSync()?.member_session_id)).toMatch(/^(member-)?session-test-/);

    await page.evaluate(() => client.session.revoke());
    expect(await stytchCookies(context)).toEqual({ token: undefined, jwt: undefined });
    await expect(b2b.sessions.authenticate({ session_token: token!.value })).rejects.toMatchObject({ error_type: 'session_not_found' });
    expect(requests.offLoopback()).toEqual([]);
    await context.close();
  });

  it('a reload resumes the session from the HttpOnly cookie when the SDK counts its API as custom (customBaseUrl)', async () => {
    const { context, page, url } = await openSdkPage('b2b', httpOnlyProject, { resume: true });
    const { email } = await loginHttpOnly(page);
    await page.goto(url); // the SDK holds no token of its own: the session comes back through the cookie
    await page.waitForFunction(() => 'client' in window && client.session.getInfo().fromCache === false && client.session.getSync() !== null);
    expect(await page.evaluate(() => client.self.getSync()?.email_address)).toBe(email);
    expect(await documentCookie(page)).not.toContain('stytch_session');
    await context.close();
  });
});
