/**
 * Passwordless logins with the official browser SDK (`@stytch/vanilla-js` 6.3.0) in Chromium against a real
 * Tessera server, the way a developer clicks through them on a laptop: the mail lands in the local outbox
 * (no SMTP), the test reads it like `tessera outbox` would, and the browser follows the link to the app's
 * page, where the SDK authenticates the token. Email OTP and password reset by email go the same way, and
 * a B2B member logs in with an organization's magic link.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { B2BClient } from '@tessera/node';
import { startServer, type TestProject, type TestServer } from '@tessera/test-utils';
import { updateProjectSdkSettings } from '../packages/server/src/domain/sdk/project-sdk-settings.js';
import { launchChromium, recordRequests, requireChromium } from './fixtures/browser.js';
import { startSdkPages, type SdkPages, type Vertical } from './fixtures/sdk-pages.js';

let srv: TestServer | undefined;
let pages: SdkPages | undefined;
let browser: Browser | undefined;
let b2bProject: TestProject;

const hasChromium = requireChromium();

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium();
  srv = await startServer();
  b2bProject = await srv.createProject();
  await updateProjectSdkSettings(srv.server.runtime.deps, b2bProject.project_id, { vertical: 'B2B' });
  pages = await startSdkPages();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await srv?.close();
}, 30_000);

// The SDK's client lives on `window.client` (see fixtures/sdk-pages.ts); page functions reach it untyped.
declare const client: any;

const uniqueEmail = (tag: string) => `${tag}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}@example.com`;

interface OutboxMessage {
  kind: string;
  to: string;
  message: { link?: string; code?: string } | null;
}

/** The newest message to `to` in the project's local outbox (what `tessera outbox` prints). */
async function lastMail(project: TestProject, to: string): Promise<OutboxMessage> {
  const res = await fetch(`${srv!.url}/v1/test/outbox?to=${encodeURIComponent(to)}`, {
    headers: { authorization: 'Basic ' + Buffer.from(`${project.project_id}:${project.secret}`).toString('base64') },
  });
  expect(res.status).toBe(200);
  const { messages } = (await res.json()) as { messages: OutboxMessage[] };
  expect(messages.length).toBeGreaterThan(0);
  return messages[0]!;
}

async function openPage(vertical: Vertical, project: TestProject): Promise<{ context: BrowserContext; page: Page; requests: ReturnType<typeof recordRequests> }> {
  const context = await browser!.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  await page.goto(pages!.page(vertical, project.public_token, srv!.url));
  await page.waitForFunction(() => 'client' in window);
  return { context, page, requests };
}

/** Follows an emailed link in the browser: the app's page, which must load the SDK again. */
async function follow(page: Page, link: string): Promise<string> {
  await page.goto(link);
  await page.waitForFunction(() => 'client' in window);
  const url = new URL(page.url());
  return url.searchParams.get('token')!;
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(pages!.url)).find((c) => c.name === 'stytch_session')?.value;
}

describe('official @stytch/vanilla-js 6.3.0: passwordless in Chromium, mail from the local outbox', () => {
  it('magic link: loginOrCreate in the page, the link from the outbox opens the app, authenticate logs in with a verified email', async () => {
    const { context, page, requests } = await openPage('consumer', srv!.project);
    const email = uniqueEmail('ml');
    // The redirect URL is the app's page; the link carries the page's own query (public token, API) on.
    const redirect = pages!.page('consumer', srv!.project.public_token, srv!.url, { path: '/authenticate.html' });
    const sent = await page.evaluate(
      ([email, url]) => client.magicLinks.email.loginOrCreate(email, { login_magic_link_url: url, signup_magic_link_url: url }),
      [email, redirect] as const,
    );
    expect(sent.status_code).toBe(200);

    const mail = await lastMail(srv!.project, email);
    expect(mail.kind).toBe('signup');
    const link = mail.message!.link!;
    expect(link.startsWith(`${pages!.url}/authenticate.html?`)).toBe(true);
    expect(new URL(link).searchParams.get('stytch_token_type')).toBe('magic_links');

    const token = await follow(page, link);
    expect(token).toMatch(/^[\w-]{43}=$/);
    const result = await page.evaluate((token) => client.magicLinks.authenticate(token, { session_duration_minutes: 60 }), token);
    expect(result.session.authentication_factors[0]).toMatchObject({ type: 'magic_link', delivery_method: 'email', email_factor: { email_address: email } });
    expect(await page.evaluate(() => client.user.getSync()?.emails?.[0])).toMatchObject({ email, verified: true });
    expect(await page.evaluate(() => client.user.getSync()?.status)).toBe('active');
    expect(await sessionCookie(context)).toMatch(/^[\w-]{44}$/);

    // The link is spent: a second click (or a scanner that replays the POST) gets the contract's error.
    const again = await page.evaluate((token) => client.magicLinks.authenticate(token, { session_duration_minutes: 60 }).catch((e: any) => e.error_type), token);
    expect(again).toBe('unable_to_auth_magic_link');
    expect(requests.offLoopback()).toEqual([]);
    await context.close();
  });

  it('email OTP: loginOrCreate answers a method_id, the code from the outbox logs in; a wrong code is refused', async () => {
    const { context, page } = await openPage('consumer', srv!.project);
    const email = uniqueEmail('otp');
    const { method_id } = await page.evaluate((email) => client.otps.email.loginOrCreate(email, { expiration_minutes: 5 }), email);
    expect(method_id).toMatch(/^email-test-/);
    const { message } = await lastMail(srv!.project, email);
    expect(message!.code).toMatch(/^\d{6}$/);

    const wrong = String((Number(message!.code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await page.evaluate(([code, id]) => client.otps.authenticate(code, id, { session_duration_minutes: 60 }).catch((e: any) => e.error_type), [wrong, method_id] as const);
    expect(refused).toBe('unable_to_auth_otp_code');
    const ok = await page.evaluate(([code, id]) => client.otps.authenticate(code, id, { session_duration_minutes: 60 }), [message!.code!, method_id] as const);
    expect(ok.session.authentication_factors[0]).toMatchObject({ type: 'otp', delivery_method: 'email' });
    expect(await sessionCookie(context)).toMatch(/^[\w-]{44}$/);
    await context.close();
  });

  it('password reset by email: resetByEmailStart, the link from the outbox, resetByEmail sets the password and logs in', async () => {
    const { context, page } = await openPage('consumer', srv!.project);
    const email = uniqueEmail('reset');
    const password = `Old-${crypto.randomBytes(8).toString('hex')}-pass!`;
    await page.evaluate(([email, password]) => client.passwords.create({ email, password, session_duration_minutes: 60 }), [email, password] as const);
    await page.evaluate(() => client.session.revoke());

    const redirect = pages!.page('consumer', srv!.project.public_token, srv!.url, { path: '/reset.html' });
    await page.evaluate(([email, url]) => client.passwords.resetByEmailStart({ email, reset_password_redirect_url: url, login_redirect_url: url }), [email, redirect] as const);
    const mail = await lastMail(srv!.project, email);
    expect(mail.kind).toBe('password_reset');
    const token = await follow(page, mail.message!.link!);
    const next = `New-${crypto.randomBytes(8).toString('hex')}-pass!`;
    const reset = await page.evaluate(([token, password]) => client.passwords.resetByEmail({ token, password, session_duration_minutes: 60 }), [token, next] as const);
    expect(reset.user.emails[0]).toMatchObject({ email, verified: true });
    expect(await sessionCookie(context)).toMatch(/^[\w-]{44}$/);
    // The new password works, the old one does not.
    await page.evaluate(() => client.session.revoke());
    const old = await page.evaluate(([email, password]) => client.passwords.authenticate({ email, password, session_duration_minutes: 60 }).catch((e: any) => e.error_type), [email, password] as const);
    expect(old).toBe('unauthorized_credentials');
    await page.evaluate(([email, password]) => client.passwords.authenticate({ email, password, session_duration_minutes: 60 }), [email, next] as const);
    await context.close();
  });

  it('B2B: an invited member follows the organization magic link from the outbox and gets a member session', async () => {
    const b2b = new B2BClient({ ...b2bProject, base_url: srv!.url });
    const { organization } = await b2b.organizations.create({ organization_name: 'Acme', organization_slug: `acme-${crypto.randomBytes(4).toString('hex')}` });
    const email = uniqueEmail('member');
    await b2b.organizations.members.create({ organization_id: organization.organization_id, email_address: email });

    const { context, page } = await openPage('b2b', b2bProject);
    const redirect = pages!.page('b2b', b2bProject.public_token, srv!.url, { path: '/b2b/authenticate.html' });
    await page.evaluate(
      ([organization_id, email_address, url]) => client.magicLinks.email.loginOrSignup({ organization_id, email_address, login_redirect_url: url, signup_redirect_url: url }),
      [organization.organization_id, email, redirect] as const,
    );
    const mail = await lastMail(b2bProject, email);
    const link = new URL(mail.message!.link!);
    expect(link.searchParams.get('stytch_token_type')).toBe('multi_tenant_magic_links');
    const token = await follow(page, link.toString());
    const result = await page.evaluate((token) => client.magicLinks.authenticate({ magic_links_token: token, session_duration_minutes: 60 }), token);
    expect(result.member_authenticated).toBe(true);
    expect(await page.evaluate(() => client.self.getSync()?.email_address)).toBe(email);
    expect(await page.evaluate(() => client.organization.getSync()?.organization_id)).toBe(organization.organization_id);
    expect(await sessionCookie(context)).toMatch(/^[\w-]{44}$/);
    await context.close();
  });
});
