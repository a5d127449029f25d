/**
 * Mail delivery over a real SMTP server (issue #16): what arrives, retries with backoff, giving up after
 * the last attempt, nothing lost across a restart, payload wiped once sent, no link or code in the logs.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer as startTestServer, TestClock, type TestServer } from '@tessera/test-utils';
import { loadConfig, startServer, type StartedServer } from '@tessera/server';
import type { MailSender } from '../../src/mail/sender.js';
import { fakeLink, freePort, LogSink, queueMail, SMTP_PASSWORD, startSmtp, type TestSmtp } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function smtp(port = 0): Promise<TestSmtp> {
  const s = await startSmtp(port);
  cleanups.push(() => s.close());
  return s;
}

async function tessera(env: Record<string, string>, log: LogSink): Promise<TestServer> {
  const srv = await startTestServer({ env: { TESSERA_LOG_LEVEL: 'info', ...env }, logStream: log });
  cleanups.push(() => srv.close());
  return srv;
}

const senderOf = (s: StartedServer) => s.mailSender as MailSender;

/** Lets the sender run a pass now (as its poll would) and waits for it to end. */
async function pass(s: StartedServer): Promise<void> {
  senderOf(s).notify();
  await senderOf(s).idle();
}

async function row(srv: TestServer, id: string) {
  return (await srv.server.runtime.deps.stores.outbox.get(srv.project.project_id, id))!;
}

describe('SMTP delivery', () => {
  it('sends a queued message: From, To, subject, text and HTML with the link; the payload is wiped; the log names no link', async () => {
    const mail = await smtp();
    const log = new LogSink();
    const srv = await tessera({ TESSERA_SMTP_URL: mail.url, TESSERA_MAIL_FROM: 'Acme Login <login@acme.test>' }, log);
    expect(srv.server.runtime.deps.mail.mode).toBe('smtp');
    const { link, token } = fakeLink();
    const id = await queueMail(srv.server, srv.project.project_id, { to: 'ada.lovelace@example.com', link, expiration_minutes: 60 });
    const [got] = await mail.waitFor(1);
    expect(got!.from?.value).toEqual([{ address: 'login@acme.test', name: 'Acme Login' }]);
    expect((got!.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['ada.lovelace@example.com']);
    expect(got!.subject).toBe('Your login link for Development project');
    expect(got!.text).toContain(link);
    expect(got!.text).toContain('1 hour (60 minutes)');
    expect(got!.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    await senderOf(srv.server).idle();
    const sent = await row(srv, id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, payload: '', last_error: null });
    expect(sent.sent_at).not.toBeNull();
    // The outbox keeps the facts of a sent message, not its content.
    const res = await fetch(`${srv.url}/v1/test/outbox`, { headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}` } });
    const body = (await res.json()) as { messages: Record<string, unknown>[] };
    expect(body.messages[0]).toMatchObject({ message_id: id, status: 'sent', message: null, subject: null, text: null, html: null });
    expect(log.find(/^mail sent$/)).toEqual([expect.objectContaining({ message_id: id, recipient_domain: 'example.com', attempts: 1 })]);
    expect(log.raw).not.toContain(token);
    expect(log.raw).not.toContain('ada.lovelace');
    expect(log.raw).not.toContain(SMTP_PASSWORD);
  });

  it('the project sender and a project template apply; placeholders are HTML-escaped in the HTML part', async () => {
    const mail = await smtp();
    const srv = await tessera({ TESSERA_SMTP_URL: mail.url }, new LogSink());
    const deps = srv.server.runtime.deps;
    await deps.stores.mailSettings.update(srv.project.project_id, { from_address: 'Shop <shop@shop.test>' }, Date.now());
    await deps.stores.mailTemplates.put({
      project_id: srv.project.project_id,
      template_id: 'email_otp',
      kind: 'email_otp',
      subject: 'Code {{code}} for {{email}}',
      text: 'Your code: {{code}} ({{expiration_minutes}} min) at {{organization_name}}',
      html: '<p>Code <b>{{code}}</b> for {{organization_name}}</p>',
      updated_at: Date.now(),
    });
    await queueMail(srv.server, srv.project.project_id, {
      kind: 'email_otp',
      link: undefined,
      code: '042917',
      expiration_minutes: 5,
      to: 'bob@example.com',
      vertical: 'b2b',
      organization_name: 'Bobby <script>alert(1)</script> & Co',
    });
    const [got] = await mail.waitFor(1);
    expect(got!.from?.value).toEqual([{ address: 'shop@shop.test', name: 'Shop' }]);
    expect(got!.subject).toBe('Code 042917 for bob@example.com');
    expect(got!.text).toBe('Your code: 042917 (5 min) at Bobby <script>alert(1)</script> & Co');
    expect(got!.html).toBe('<p>Code <b>042917</b> for Bobby &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p>');
  });

  it('a refused attempt (451) is logged and retried with backoff; it is delivered later with attempts > 1', async () => {
    const mail = await smtp();
    mail.refuseNext(1, 451);
    const log = new LogSink();
    const srv = await tessera({ TESSERA_SMTP_URL: mail.url }, log);
    const { link, token } = fakeLink();
    const id = await queueMail(srv.server, srv.project.project_id, { to: 'carol@example.com', link });
    await senderOf(srv.server).idle();
    const waiting = await row(srv, id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(/451|Try again later/);
    // 5 s ± 20 % after the failure: not due a second before, due after.
    const delay = waiting.next_attempt_at - srv.clock.now();
    expect(delay).toBeGreaterThan(3_000);
    expect(delay).toBeLessThanOrEqual(6_000);
    await pass(srv.server);
    expect(mail.received).toHaveLength(0);
    const [warn] = log.find(/will try again/);
    expect(warn).toMatchObject({ level: 40, message_id: id, recipient_domain: 'example.com', attempts: 1 });
    expect(String(warn!.error)).toMatch(/451|Try again later/);
    srv.clock.advance(10_000);
    await pass(srv.server);
    const [got] = await mail.waitFor(1);
    expect(got!.text).toContain(link);
    expect(await row(srv, id)).toMatchObject({ status: 'sent', attempts: 2, payload: '' });
    expect(log.raw).not.toContain(token);
    expect(log.raw).not.toContain('carol@');
  });

  it('after TESSERA_SMTP_MAX_ATTEMPTS failures the message is failed, reported at error level and in the outbox', async () => {
    const down = await freePort();
    const log = new LogSink();
    const srv = await tessera({ TESSERA_SMTP_URL: `smtp://127.0.0.1:${down}`, TESSERA_SMTP_MAX_ATTEMPTS: '3' }, log);
    const id = await queueMail(srv.server, srv.project.project_id, { to: 'dan@example.com' });
    await senderOf(srv.server).idle();
    for (let attempt = 2; attempt <= 3; attempt++) {
      expect(await row(srv, id)).toMatchObject({ status: 'queued', attempts: attempt - 1 });
      srv.clock.advance(16 * 60_000); // past the longest backoff
      await pass(srv.server);
    }
    const failed = await row(srv, id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(log.find(/will try again/)).toHaveLength(2);
    expect(log.find(/not trying again/)).toEqual([expect.objectContaining({ level: 50, message_id: id, attempts: 3, recipient_domain: 'example.com' })]);
    // Given up for good: later passes leave it alone.
    srv.clock.advance(60 * 60_000);
    await pass(srv.server);
    expect((await row(srv, id)).attempts).toBe(3);
    const res = await fetch(`${srv.url}/v1/test/outbox?to=dan@example.com`, {
      headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}` },
    });
    const { messages } = (await res.json()) as { messages: { status: string; attempts: number; last_error: string }[] };
    expect(messages[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('a permanent refusal (550 on the recipient) fails the message at once', async () => {
    const mail = await smtp();
    mail.refuseRecipients = true;
    const log = new LogSink();
    const srv = await tessera({ TESSERA_SMTP_URL: mail.url }, log);
    const id = await queueMail(srv.server, srv.project.project_id, { to: 'nobody@example.com' });
    await senderOf(srv.server).idle();
    const failed = await row(srv, id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/550|EENVELOPE/);
    // The server echoed the address; the log and the row keep its domain only.
    expect(failed.last_error).toContain('…@example.com');
    expect(failed.last_error).not.toContain('nobody@');
    expect(log.find(/not trying again/)).toHaveLength(1);
    expect(log.raw).not.toContain('nobody@');
  });

  it('a restart loses no queued message: queued while SMTP is down, delivered by the next server on the same database', async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-mail-restart-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({ TESSERA_HOST: '127.0.0.1', TESSERA_PORT: '0', TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'silent', TESSERA_SMTP_URL: `smtp://${'tessera'}:${SMTP_PASSWORD}@127.0.0.1:${port}` });
    const clock = new TestClock();
    const first = await startServer(config, { clock: clock.fn });
    const projectId = first.createdProject!.project.project_id;
    const { link } = fakeLink();
    const id = await queueMail(first, projectId, { to: 'erin@example.com', link });
    await senderOf(first).idle();
    expect(await first.runtime.deps.stores.outbox.get(projectId, id)).toMatchObject({ status: 'queued', attempts: 1 });
    await first.close();

    const mail = await smtp(port);
    clock.advance(60_000);
    const second = await startServer(config, { clock: clock.fn });
    cleanups.push(() => second.close());
    const [got] = await mail.waitFor(1);
    expect(got!.text).toContain(link);
    await senderOf(second).idle();
    expect(await second.runtime.deps.stores.outbox.get(projectId, id)).toMatchObject({ status: 'sent', attempts: 2, payload: '' });
  });

  it('closing during a send that hangs abandons it within seconds; after the lease the next server sends it', async () => {
    // An SMTP server that accepts connections and never answers.
    const sockets = new Set<net.Socket>();
    const hang = net.createServer((sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => {
      for (const sock of sockets) sock.destroy();
      return new Promise<void>((resolve) => hang.close(() => resolve()));
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-mail-lease-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const env = { TESSERA_HOST: '127.0.0.1', TESSERA_PORT: '0', TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'silent' };
    const clock = new TestClock();
    const first = await startServer(loadConfig({ ...env, TESSERA_SMTP_URL: `smtp://127.0.0.1:${(hang.address() as net.AddressInfo).port}` }), { clock: clock.fn });
    const projectId = first.createdProject!.project.project_id;
    const { link } = fakeLink();
    const id = await queueMail(first, projectId, { to: 'ivy@example.com', link });
    // Claimed: leased for two minutes.
    await expect.poll(() => sockets.size, { timeout: 5_000 }).toBe(1);
    const claimed = (await first.runtime.deps.stores.outbox.get(projectId, id))!;
    expect(claimed.next_attempt_at).toBeGreaterThan(clock.now() + 60_000);
    const t0 = Date.now();
    await first.close();
    expect(Date.now() - t0).toBeLessThan(8_000);

    const mail = await smtp();
    const second = await startServer(loadConfig({ ...env, TESSERA_SMTP_URL: mail.url }), { clock: clock.fn });
    cleanups.push(() => second.close());
    await senderOf(second).idle();
    expect(mail.received).toHaveLength(0); // still leased
    clock.advance(3 * 60_000);
    await pass(second);
    const [got] = await mail.waitFor(1);
    expect(got!.text).toContain(link);
    expect(await second.runtime.deps.stores.outbox.get(projectId, id)).toMatchObject({ status: 'sent', payload: '' });
  }, 30_000);

  it('the sender purges sent messages past their keep time and expired one-time tokens, now and then', async () => {
    const mail = await smtp();
    const srv = await tessera({ TESSERA_SMTP_URL: mail.url }, new LogSink());
    const id = await queueMail(srv.server, srv.project.project_id, { to: 'hal@example.com' });
    await mail.waitFor(1);
    await senderOf(srv.server).idle();
    expect((await row(srv, id)).status).toBe('sent');
    srv.clock.advance(25 * 60 * 60_000); // past the 24 h keep time, and the 10 min between purges
    await pass(srv.server);
    expect(await srv.server.runtime.deps.stores.outbox.get(srv.project.project_id, id)).toBeNull();
  });

  it('without TESSERA_SMTP_URL messages stay local, rendered in GET /v1/test/outbox', async () => {
    const srv = await tessera({}, new LogSink());
    expect(srv.server.mailSender).toBeNull();
    expect(srv.server.runtime.deps.mail.mode).toBe('outbox');
    const { link } = fakeLink();
    const id = await queueMail(srv.server, srv.project.project_id, { kind: 'signup', to: 'fay@example.com', link, expiration_minutes: 10_080 });
    const res = await fetch(`${srv.url}/v1/test/outbox?to=fay@example.com`, {
      headers: { authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}` },
    });
    const { messages } = (await res.json()) as { messages: Record<string, unknown>[] };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ message_id: id, status: 'local', kind: 'signup', to: 'fay@example.com', message: { link, kind: 'signup' } });
    expect(messages[0]!.subject).toBe('Finish signing up for Development project');
    expect(messages[0]!.text).toContain(link);
    expect(messages[0]!.text).toContain('1 week');
    expect(messages[0]!.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
  });
});
