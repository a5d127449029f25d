/**
 * `tessera admin create|list|password|remove` through the built binary: passwords come from stdin and are
 * never echoed or taken from argv; weak passwords and taken usernames are refused; a running server's
 * console turns on once an operator exists and signs in with the new password only.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './sandbox.js';

const sandbox = cliSandbox('tessera-admin-cli-');
const { tmp } = sandbox;
const SLOW = { timeout: 120_000 };

const run = (cwd: string, args: string[], input?: string) => sandbox.run(cwd, args, {}, 60_000, input);
const startServer = async (cwd: string): Promise<string> => (await sandbox.start(cwd)).url;

const signIn = (url: string, username: string, password: string) =>
  fetch(`${url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });

describe('tessera admin', () => {
  it('creates, lists, re-passwords and removes operators; the console follows', SLOW, async () => {
    const cwd = tmp();
    const url = await startServer(cwd);
    expect((await fetch(`${url}/admin/login`)).status).toBe(404); // off: no operator yet

    const password = 'a-long-operator-password';
    const created = run(cwd, ['admin', 'create', 'ops', '--password-stdin'], `${password}\n`);
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ username: 'ops', admin_id: expect.stringMatching(/^admin-/) });
    expect(created.stdout + created.stderr).not.toContain(password);

    const weak = run(cwd, ['admin', 'create', 'weak', '--password-stdin'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    expect(run(cwd, ['admin', 'create', 'bad name!', '--password-stdin'], `${password}\n`).stderr).toContain('username');
    const taken = run(cwd, ['admin', 'create', 'ops', '--password-stdin'], `${password}\n`);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('an admin named ops exists');
    // Without a terminal and without --password-stdin there is nowhere to read the password from.
    expect(run(cwd, ['admin', 'create', 'other'], '').stderr).toContain('--password-stdin');

    expect(run(cwd, ['admin', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l).username)).toEqual(['ops']);

    // The running server's console is on within its 2-second re-check.
    let res: Response;
    const until = Date.now() + 10_000;
    do res = await signIn(url, 'ops', password);
    while (res.status === 404 && Date.now() < until && (await new Promise((r) => setTimeout(r, 250)), true));
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^tessera_admin=[A-Za-z0-9_-]{43}; Path=\/admin; HttpOnly; SameSite=Strict/);

    const newPassword = 'another-long-password-2';
    expect(run(cwd, ['admin', 'password', 'ops', '--password-stdin'], newPassword).status).toBe(0);
    expect((await signIn(url, 'ops', password)).status).toBe(401);
    expect((await signIn(url, 'ops', newPassword)).status).toBe(303);
    expect(run(cwd, ['admin', 'password', 'nobody', '--password-stdin'], newPassword).stderr).toContain('no operator named nobody');

    expect(JSON.parse(run(cwd, ['admin', 'remove', 'ops']).stdout)).toEqual({ username: 'ops', removed: true });
    expect(run(cwd, ['admin', 'remove', 'ops']).status).toBe(1);
  });

  it('tessera audit lists the CLI\'s own writes and the console\'s, with filters', SLOW, async () => {
    const cwd = tmp();
    const project = JSON.parse(run(cwd, ['project', 'create', '--name', 'Audited']).stdout) as { project_id: string; secret: string };
    expect(run(cwd, ['keys', 'rotate', '--project', project.project_id, '--alg', 'EdDSA']).status).toBe(0);
    expect(run(cwd, ['admin', 'create', 'ops', '--password-stdin'], 'a-long-operator-password').status).toBe(0);
    const user = os.userInfo().username;

    const all = run(cwd, ['audit', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(all.map((e) => e.action)).toEqual(['cli.admin.create', 'cli.keys.rotate', 'cli.project.create']);
    for (const e of all) expect(e).toMatchObject({ actor_type: 'cli', actor_id: `cli:${user}`, status: 200 });
    expect(all[1]).toMatchObject({ project_id: project.project_id, details: { alg: 'EdDSA' } });
    expect(all[2]).toMatchObject({ target: project.project_id });

    const keys = run(cwd, ['audit', '--action', 'cli.keys', '--project', project.project_id]).stdout.trim().split('\n');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain(`cli:${user}  cli.keys.rotate`);
    expect(run(cwd, ['audit', '--since', '1m', '--json', '--limit', '1']).stdout.trim().split('\n')).toHaveLength(1);
    expect(run(cwd, ['audit', '--actor', 'nobody']).stdout.trim()).toBe('no audit entries');
    expect(run(cwd, ['audit', '--since', 'yesterday']).stderr).toContain('--since takes');
    // Nothing the CLI recorded holds the project's secret.
    expect(run(cwd, ['audit', '--json']).stdout).not.toContain(project.secret);
  });
});
