/** `tessera outbox`, `tessera project mail` and `tessera project templates`, run as the built CLI. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, openRuntime, projectContext } from '@tessera/server';
import { enqueueMail } from '../../src/domain/mail/enqueue-mail.js';
import { CLI, cliSandbox } from '../cli/sandbox.js';
import { fakeLink, SMTP_PASSWORD, startSmtp } from './helpers.js';

const { tmp, children } = cliSandbox('tessera-mail-cli-');

/** Runs `tessera start` until it prints its banner; `stop()` ends it by PID (SIGTERM) and waits. */
async function start(cwd: string, env: Record<string, string>): Promise<{ out: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, 'start'], { cwd, env: { ...process.env, TESSERA_PORT: '0', TESSERA_LOG_LEVEL: 'info', ...env } });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 60_000);
    child.stdout.on('data', () => /Use it from Node/.test(out) && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return {
    out: () => out,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', (code) => {
          children.delete(child);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, TESSERA_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

/** Queues a message in the CLI's database the way a running server without SMTP would. */
async function queueLocal(dir: string, projectId: string, to: string, link: string): Promise<string> {
  const rt = await openRuntime(loadConfig({ TESSERA_LOG_LEVEL: 'warn' }, dir));
  try {
    const project = await rt.deps.stores.projects.get(projectId);
    return await enqueueMail(projectContext(rt.deps, project!), { kind: 'login', to, link, expiration_minutes: 15, vertical: 'consumer' });
  } finally {
    await rt.close();
  }
}

describe('tessera outbox / project mail / project templates', () => {
  it('outbox prints a local message with its link; templates change how it reads; --json and --to', async () => {
    const dir = tmp();
    const created = run(dir, 'project', 'create', '--name', 'Laptop App');
    expect(created.status).toBe(0);
    const { project_id } = JSON.parse(created.out) as { project_id: string };
    expect(run(dir, 'outbox').out).toBe(`no messages in the outbox of ${project_id}`);
    const { link, token } = fakeLink();
    const id = await queueLocal(dir, project_id, 'ada@example.com', link);

    const printed = run(dir, 'outbox');
    expect(printed.status).toBe(0);
    expect(printed.out).toContain(`local   login  to ada@example.com  (${id})`);
    expect(printed.out).toContain('subject: Your login link for Laptop App');
    expect(printed.out).toContain(`link:    ${link}`);
    expect(printed.out).toContain(token);
    expect(printed.out).toContain('15 minutes');

    fs.writeFileSync(path.join(dir, 'login.txt'), 'Welcome back to {{project_name}}, {{email}}: {{link}}\n');
    fs.writeFileSync(path.join(dir, 'login.html'), '<p>{{project_name}} <a href="{{link}}">log in</a></p>');
    const set = run(dir, 'project', 'templates', 'set', 'login', '--kind', 'login', '--subject', 'Back to {{project_name}}', '--text-file', 'login.txt', '--html-file', 'login.html');
    expect(set.status).toBe(0);
    expect(JSON.parse(set.out)).toEqual({ project_id, template_id: 'login', kind: 'login', subject: 'Back to {{project_name}}', html: true });
    fs.writeFileSync(path.join(dir, 'bad.txt'), 'no link here\n');
    const bad = run(dir, 'project', 'templates', 'set', 'promo', '--kind', 'login', '--subject', 'x', '--text-file', 'bad.txt');
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/must contain \{\{link\}\}/);
    expect(run(dir, 'project', 'templates', 'set', 'signup', '--kind', 'login', '--subject', 'x', '--text-file', 'login.txt').err).toMatch(/its kind must be signup/);
    expect(run(dir, 'project', 'templates', 'set', 'x', '--kind', 'sms', '--subject', 'x', '--text-file', 'login.txt').err).toMatch(/kind must be one of/);
    const list = JSON.parse(run(dir, 'project', 'templates', 'list').out) as { templates: { template_id: string; kind: string; html: boolean }[] };
    expect(list.templates).toEqual([expect.objectContaining({ template_id: 'login', kind: 'login', subject: 'Back to {{project_name}}', html: true })]);

    const json = run(dir, 'outbox', '--json', '--to', 'ADA@example.com');
    const [entry] = json.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entry).toMatchObject({ message_id: id, status: 'local', to: 'ada@example.com', subject: 'Back to Laptop App', text: `Welcome back to Laptop App, ada@example.com: ${link}\n` });
    expect(entry!.html).toBe(`<p>Laptop App <a href="${link.replace(/&/g, '&amp;')}">log in</a></p>`);
    expect(run(dir, 'outbox', '--to', 'bob@example.com').out).toBe(`no messages in the outbox of ${project_id}`);
    expect(run(dir, 'outbox', '--limit', '0').err).toMatch(/--limit/);

    expect(JSON.parse(run(dir, 'project', 'templates', 'remove', 'login').out)).toMatchObject({ removed: true });
    expect(run(dir, 'outbox').out).toContain('subject: Your login link for Laptop App');
  }, 120_000);

  it('project mail sets, prints, keeps and clears the default links and the sender', () => {
    const dir = tmp();
    const { project_id } = JSON.parse(run(dir, 'project', 'create').out) as { project_id: string };
    const none = JSON.parse(run(dir, 'project', 'mail').out) as Record<string, unknown>;
    expect(none).toEqual({
      project_id,
      login_redirect_url: null,
      signup_redirect_url: null,
      invite_redirect_url: null,
      reset_redirect_url: null,
      discovery_redirect_url: null,
      from_address: null,
    });
    const set = run(dir, 'project', 'mail', '--project', project_id, '--login-url', 'http://localhost:3000/authenticate', '--signup-url', 'http://localhost:3000/welcome', '--reset-url', 'https://app.example.com/reset', '--from', 'Laptop App <hello@app.example.com>');
    expect(set.status).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({
      login_redirect_url: 'http://localhost:3000/authenticate',
      signup_redirect_url: 'http://localhost:3000/welcome',
      reset_redirect_url: 'https://app.example.com/reset',
      invite_redirect_url: null,
      from_address: 'Laptop App <hello@app.example.com>',
    });
    // A later call changes only what it names; "" clears.
    const changed = JSON.parse(run(dir, 'project', 'mail', '--invite-url', 'http://localhost:3000/invite', '--signup-url', '').out) as Record<string, unknown>;
    expect(changed).toMatchObject({ login_redirect_url: 'http://localhost:3000/authenticate', invite_redirect_url: 'http://localhost:3000/invite', signup_redirect_url: null });
    expect(JSON.parse(run(dir, 'project', 'mail').out)).toEqual(changed);
    const bad = run(dir, 'project', 'mail', '--login-url', 'javascript:alert(1)', '--from', 'nobody');
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/login_redirect_url must be an absolute http\(s\) URL/);
    expect(JSON.parse(run(dir, 'project', 'mail').out)).toEqual(changed);
    expect(run(dir, 'project', 'mail', '--from', 'nobody').err).toMatch(/sender must be an address/);
    expect(run(dir, 'project', 'mail', '--project', 'project-test-nope').err).toMatch(/no project/);
  }, 120_000);

  it('tessera start with TESSERA_SMTP_URL: the banner shows the URL redacted; mail queued by another process is sent', async () => {
    const dir = tmp();
    const mail = await startSmtp();
    try {
      const server = await start(dir, { TESSERA_SMTP_URL: mail.url, TESSERA_MAIL_FROM: 'Dev <dev@localhost>' });
      expect(server.out()).toContain(`mail:     SMTP smtp://tessera:***@127.0.0.1:${mail.port} (from Dev <dev@localhost>)`);
      const projectId = /project_id:\s+(\S+)/.exec(server.out())![1]!;
      // Another Tessera process on the same database queues a message (no in-process wake-up: the poll finds it).
      const rt = await openRuntime(loadConfig({ TESSERA_LOG_LEVEL: 'warn' }, dir), undefined, { mail: { mode: 'smtp', notify() {} } });
      const { link, token } = fakeLink();
      try {
        const project = await rt.deps.stores.projects.get(projectId);
        await enqueueMail(projectContext(rt.deps, project!), { kind: 'password_reset', to: 'gus@example.com', link, expiration_minutes: 30, vertical: 'consumer' });
      } finally {
        await rt.close();
      }
      const [got] = await mail.waitFor(1, 20_000);
      expect(got!.subject).toBe('Reset your Development project password');
      expect(got!.text).toContain(link);
      expect(await server.stop()).toBe(0);
      expect(server.out()).toMatch(/"msg":"mail sent"/);
      expect(server.out()).not.toContain(SMTP_PASSWORD);
      expect(server.out()).not.toContain(token);
      const printed = run(dir, 'outbox');
      expect(printed.out).toMatch(/sent\s+password_reset\s+to gus@example.com/);
      expect(printed.out).toContain('after 1 attempt');
      expect(printed.out).not.toContain(token);
    } finally {
      await mail.close();
    }
  }, 120_000);
});
