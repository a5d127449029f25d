/**
 * Every email flow end to end over a real SMTP server (issue #16): the official `stytch` clients call the
 * backend routes, Tessera sends through nodemailer to an `smtp-server` on a loopback port, the test reads the
 * received message (mailparser), follows the link or types the code, and gets a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import type { ParsedMail } from 'mailparser';
import { startServer, type TestServer } from '@tessera/test-utils';
import { startSmtp, type TestSmtp } from './helpers.js';

const REDIRECT = 'http://localhost:3000/authenticate';
let smtp: TestSmtp;
let srv: TestServer;
let client: stytch.Client;
let b2b: stytch.B2BClient;
let n = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${n++}@example.com`;

beforeAll(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { TESSERA_SMTP_URL: smtp.url, TESSERA_MAIL_FROM: 'Acme <login@acme.test>' } });
  const creds = { project_id: srv.project.project_id, secret: srv.project.secret, env: `${srv.url}/` };
  client = new stytch.Client(creds);
  b2b = new stytch.B2BClient(creds);
});

afterAll(async () => {
  await srv?.close();
  await smtp?.close();
});

/** The next message that arrives for `to` (the sender is woken by the request that queued it). */
async function received(to: string): Promise<ParsedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(to)));
    if (found.length) return found.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no mail for ${to}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The link in a received message's text part (the one URL carrying `stytch_token_type`). */
function linkIn(mail: ParsedMail): URL {
  const m = /https?:\/\/\S*stytch_token_type=\S+/.exec(mail.text ?? '');
  expect(m, 'a link in the text part').not.toBeNull();
  const url = new URL(m![0]);
  // The HTML part carries the same link (URL-encoded: the token's `=` pad is %3D there).
  expect(String(mail.html)).toContain(url.searchParams.get('token')!.replace(/=$/, ''));
  return url;
}

const codeIn = (mail: ParsedMail): string => /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;

describe('email flows over SMTP with the official clients', () => {
  it('magic link login_or_create: the link received by mail logs in', async () => {
    const to = email('ml');
    await client.magicLinks.email.loginOrCreate({ email: to, login_magic_link_url: REDIRECT, signup_magic_link_url: REDIRECT });
    const mail = await received(to);
    expect(mail.from?.text).toContain('login@acme.test');
    const link = linkIn(mail);
    expect(`${link.origin}${link.pathname}`).toBe(REDIRECT);
    expect(link.searchParams.get('stytch_token_type')).toBe('magic_links');
    const auth = await client.magicLinks.authenticate({ token: link.searchParams.get('token')!, session_duration_minutes: 60 });
    expect(auth.user.emails[0]).toMatchObject({ email: to, verified: true });
    await client.sessions.authenticate({ session_token: auth.session_token });
  });

  it('invite: the invited user accepts by the link and becomes active', async () => {
    const to = email('invite');
    const { user_id } = await client.magicLinks.email.invite({ email: to, invite_magic_link_url: REDIRECT });
    expect((await client.users.get({ user_id })).status).toBe('pending');
    const auth = await client.magicLinks.authenticate({ token: linkIn(await received(to)).searchParams.get('token')!, session_duration_minutes: 60 });
    expect(auth.user.status).toBe('active');
  });

  it('email OTP: the code received by mail logs in', async () => {
    const to = email('otp');
    const { email_id } = await client.otps.email.loginOrCreate({ email: to });
    const code = codeIn(await received(to));
    const auth = await client.otps.authenticate({ method_id: email_id, code, session_duration_minutes: 60 });
    expect(auth.session?.authentication_factors[0]).toMatchObject({ type: 'otp', delivery_method: 'email' });
  });

  it('password reset by email: the link received by mail sets a new password', async () => {
    const to = email('reset');
    await client.passwords.create({ email: to, password: 'first-Strong-passw0rd-x!' });
    await client.passwords.email.resetStart({ email: to, reset_password_redirect_url: REDIRECT });
    const link = linkIn(await received(to));
    expect(link.searchParams.get('stytch_token_type')).toBe('reset_password');
    const password = 'second-Strong-passw0rd-y!';
    await client.passwords.email.reset({ token: link.searchParams.get('token')!, password, session_duration_minutes: 60 });
    await client.passwords.authenticate({ email: to, password });
  });

  it('B2B: a member logs in by the organization link and by an email code', async () => {
    const { organization } = await b2b.organizations.create({ organization_name: 'Acme', organization_slug: `acme-${Date.now()}-${n++}` });
    const to = email('member');
    await b2b.organizations.members.create({ organization_id: organization.organization_id, email_address: to });
    await b2b.magicLinks.email.loginOrSignup({ organization_id: organization.organization_id, email_address: to, login_redirect_url: REDIRECT, signup_redirect_url: REDIRECT });
    const mail = await received(to);
    expect(mail.text).toContain('Acme');
    const link = linkIn(mail);
    expect(link.searchParams.get('stytch_token_type')).toBe('multi_tenant_magic_links');
    const viaLink = await b2b.magicLinks.authenticate({ magic_links_token: link.searchParams.get('token')!, session_duration_minutes: 60 });
    expect(viaLink.member_authenticated).toBe(true);

    const before = smtp.received.length;
    await b2b.otps.email.loginOrSignup({ organization_id: organization.organization_id, email_address: to });
    await smtp.waitFor(before + 1);
    const viaCode = await b2b.otps.email.authenticate({ organization_id: organization.organization_id, email_address: to, code: codeIn(await received(to)), session_duration_minutes: 60 });
    expect(viaCode.member_session?.authentication_factors.map((f) => f.type)).toContain('email_otp');
  });

  it('B2B discovery: the discovery link leads to the organizations of the address and into one', async () => {
    const { organization } = await b2b.organizations.create({ organization_name: 'Globex', organization_slug: `globex-${Date.now()}-${n++}` });
    const to = email('discovery');
    await b2b.organizations.members.create({ organization_id: organization.organization_id, email_address: to });
    await b2b.magicLinks.email.discovery.send({ email_address: to, discovery_redirect_url: REDIRECT });
    const link = linkIn(await received(to));
    expect(link.searchParams.get('stytch_token_type')).toBe('discovery');
    const found = await b2b.magicLinks.discovery.authenticate({ discovery_magic_links_token: link.searchParams.get('token')! });
    expect(found.discovered_organizations.map((d) => d.organization?.organization_id)).toContain(organization.organization_id);
    const exchanged = await b2b.discovery.intermediateSessions.exchange({
      intermediate_session_token: found.intermediate_session_token,
      organization_id: organization.organization_id,
      session_duration_minutes: 60,
    });
    expect(exchanged.member_authenticated).toBe(true);
    expect(exchanged.member.email_address).toBe(to);
  });
});
