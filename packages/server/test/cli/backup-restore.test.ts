/**
 * `tessera backup` / `restore` and `tessera master-key export` / `import` (issue #19), run as an operator
 * runs them: the built CLI against a real server on a real SQLite file, driven with the official client.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { cliSandbox, type Ran } from './sandbox.js';

const { tmp, run, runAsync, start } = cliSandbox('tessera-cli-backup-');

const SLOW = { timeout: 120_000 };
const PASSWORD = 'correct-Horse-battery-staple-91';
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const json = (r: Ran) => {
  expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('tessera: ')), r.stderr).toEqual([]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
/** A refusal: the exit status, one line on stderr naming the problem, no stack trace, nothing on stdout. */
function expectRefused(r: Ran, status: number, message: RegExp) {
  expect(r.status, r.stderr).toBe(status);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** A project made by the CLI, and a client of it for `url`. */
function project(cwd: string) {
  const p = json(run(cwd, ['project', 'create'])) as { project_id: string; secret: string };
  return { ...p, client: (url: string) => new stytch.Client({ project_id: p.project_id, secret: p.secret, env: `${url}/` }) };
}

async function newSession(client: stytch.Client, email: string) {
  const r = await client.passwords.create({ email, password: PASSWORD, session_duration_minutes: 120 });
  return { token: r.session_token, user_id: r.user_id };
}

/** `sessions.authenticate`: the user id, or the error type. */
async function authenticate(client: stytch.Client, token: string): Promise<string> {
  try {
    return (await client.sessions.authenticate({ session_token: token })).session.user_id;
  } catch (err) {
    return `error:${(err as { error_type?: string }).error_type ?? String(err)}`;
  }
}

describe('tessera backup and restore', () => {
  it('a backup taken under load restores into a new machine, and every session that existed authenticates', SLOW, async () => {
    const cwd = tmp();
    const p = project(cwd);
    const server = await start(cwd);
    const client = p.client(server.url);
    const before: { token: string; user_id: string }[] = [];
    for (let i = 0; i < 24; i++) before.push(await newSession(client, `before-${i}@example.com`));
    const revoked = before.pop()!;
    await client.sessions.revoke({ session_token: revoked.token });

    // Load while the backup runs: authentications (which extend sessions), users created, new sessions.
    let backupDone = false;
    const statuses: Record<string, number> = {};
    const during: { token: string; user_id: string }[] = [];
    const worker = async (w: number) => {
      for (let i = 0; i < 2_000 && !backupDone; i++) {
        let outcome = 'ok';
        try {
          if (i % 7 === 3) during.push(await newSession(client, `during-${w}-${i}@example.com`));
          else if (i % 2) await client.users.create({ email: `user-${w}-${i}@example.com` });
          else await client.sessions.authenticate({ session_token: before[(w * 31 + i) % before.length]!.token, session_duration_minutes: 120 });
        } catch (err) {
          outcome = String((err as { status_code?: number }).status_code ?? err);
        }
        statuses[outcome] = (statuses[outcome] ?? 0) + 1;
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await new Promise((r) => setTimeout(r, 300));
    const backupFile = path.join(tmp(), 'tessera-backup.db');
    const backup = await runAsync(cwd, ['backup', backupFile]);
    backupDone = true;
    await load;
    const report = json(backup);
    expect(report).toMatchObject({ backup: backupFile, schema: expect.stringMatching(/^\d{4}_/), projects: 1 });
    expect(report.users).toBeGreaterThanOrEqual(24);
    expect(backup.stderr).toMatch(/^tessera: the backup holds no master key/);
    expect(mode(backupFile)).toBe(0o600);
    expect(statuses).toEqual({ ok: expect.any(Number) }); // the load never noticed the backup
    expect(statuses.ok).toBeGreaterThan(10);

    const after = await newSession(client, 'after@example.com');
    await server.stop();

    // A new machine: the key first (from export, kept apart from the backup), then the backup.
    const keyFile = path.join(tmp(), 'master-key');
    expect(run(cwd, ['master-key', 'export', keyFile]).status).toBe(0);
    const fresh = tmp();
    expect(json(run(fresh, ['master-key', 'import', keyFile]))).toMatchObject({ unchanged: false, verified: false });
    expect(json(run(fresh, ['restore', backupFile]))).toMatchObject({ into: path.join(fresh, '.tessera/tessera.db'), projects: 1 });
    const restored = await start(fresh);
    const client2 = p.client(restored.url);
    for (const s of before) expect(await authenticate(client2, s.token)).toBe(s.user_id);
    expect(await authenticate(client2, revoked.token)).toBe('error:session_not_found');
    expect(await authenticate(client2, after.token)).toBe('error:session_not_found');
    // A session made while the backup ran is there whole or not at all.
    for (const s of during) expect([s.user_id, 'error:session_not_found']).toContain(await authenticate(client2, s.token));
    await restored.stop();
  });

  it('restore refuses a live database without --force, a database holding data, the wrong key and a file that is not a backup', SLOW, async () => {
    const cwd = tmp();
    const p = project(cwd);
    const backupFile = path.join(tmp(), 'b.db');
    json(run(cwd, ['backup', backupFile]));
    expectRefused(run(cwd, ['backup', backupFile]), 1, /^tessera: .*b\.db exists; choose a new file name or pass --force/);
    json(run(cwd, ['backup', backupFile, '--force']));

    const server = await start(cwd);
    const client = p.client(server.url);
    const made = await newSession(client, 'made-after-the-backup@example.com');
    expectRefused(run(cwd, ['restore', backupFile]), 1, /^tessera: a running server \(or another tessera command\) is using .*tessera\.db; stop it first, or pass --force/);
    expect(await authenticate(client, made.token)).toBe(made.user_id); // nothing changed
    await server.stop();
    expectRefused(run(cwd, ['restore', backupFile]), 1, /^tessera: .*tessera\.db already holds data; pass --force to replace all of it/);
    const second = await start(cwd);
    expect(await authenticate(p.client(second.url), made.token)).toBe(made.user_id);

    // --force into the live database, which is told to restart: it then has the backup's data.
    const forced = run(cwd, ['restore', backupFile, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/^tessera: restored into a database in use: restart every server that uses it now$/m);
    await second.stop();
    const again = await start(cwd);
    expect(await authenticate(p.client(again.url), made.token)).toBe('error:session_not_found');
    await again.stop();

    // Under another key, or with none: refused before anything is written.
    const other = tmp();
    expectRefused(run(other, ['restore', backupFile], { TESSERA_MASTER_KEY: crypto.randomBytes(32).toString('hex') }), 2, /^tessera: wrong master key: .*b\.db was made under another master key than the one from TESSERA_MASTER_KEY/);
    expectRefused(run(other, ['restore', backupFile]), 2, /^tessera: no master key: .*master\.key does not exist; install the key this backup was made under first \(tessera master-key import KEYFILE\)/);
    expect(fs.existsSync(path.join(other, '.tessera/tessera.db'))).toBe(false);

    const junk = path.join(other, 'junk.db');
    fs.writeFileSync(junk, 'not a database at all, just some text that is long enough to look like a header'.repeat(20));
    expectRefused(run(other, ['restore', junk]), 1, /^tessera: .*junk\.db is not a SQLite database/);
    expectRefused(run(other, ['restore', path.join(other, 'missing.db')]), 1, /^tessera: cannot open .*missing\.db/);

    // PostgreSQL: the commands point to pg_dump / pg_restore, and never echo the URL's password.
    const pg = { TESSERA_DATABASE_URL: 'postgres://tessera:hunter2-secret@127.0.0.1:1/tessera', TESSERA_MASTER_KEY: crypto.randomBytes(32).toString('hex') };
    const dump = run(other, ['backup', 'x.dump'], pg);
    expectRefused(dump, 1, /^tessera: tessera backup copies SQLite databases; with PostgreSQL use its own tools.*pg_dump --format=custom/);
    expectRefused(run(other, ['restore', 'x.dump'], pg), 1, /pg_restore --clean/);
    expect(dump.stderr).not.toContain('hunter2');
  });
});

describe('tessera master-key export and import', () => {
  it('export writes the key that opens the database (0600, never over a file); import installs it only where it fits', SLOW, () => {
    const cwd = tmp();
    project(cwd);
    const key = fs.readFileSync(path.join(cwd, '.tessera/master.key'), 'utf8');
    const out = path.join(tmp(), 'exported.key');
    const r = run(cwd, ['master-key', 'export', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(''); // the key goes to the file only
    expect(r.stderr).not.toContain(key.trim());
    expect(fs.readFileSync(out, 'utf8')).toBe(key);
    expect(mode(out)).toBe(0o600);
    expectRefused(run(cwd, ['master-key', 'export', out]), 1, /exported\.key exists; the export never overwrites a file/);
    expect(run(cwd, ['master-key', 'export', '-']).stdout).toBe(key);
    expect(run(cwd, ['audit', '--json']).stdout).toMatch(/"action":"cli\.master_key\.export"/);

    // into a new data dir, from standard input; again: unchanged
    const fresh = tmp();
    expect(json(run(fresh, ['master-key', 'import', '-'], {}, 30_000, key))).toMatchObject({ installed: path.join(fresh, '.tessera/master.key'), unchanged: false });
    expect(mode(path.join(fresh, '.tessera/master.key'))).toBe(0o600);
    expect(mode(path.join(fresh, '.tessera'))).toBe(0o700);
    expect(json(run(fresh, ['master-key', 'import', out]))).toMatchObject({ unchanged: true });

    // a key that does not open the existing database, or a different key in place: refused, nothing written
    const wrong = path.join(tmp(), 'wrong.key');
    fs.writeFileSync(wrong, `${crypto.randomBytes(32).toString('hex')}\n`);
    fs.rmSync(path.join(cwd, '.tessera/master.key'));
    expectRefused(run(cwd, ['master-key', 'import', wrong]), 2, /^tessera: wrong master key: this key does not open the database .*tessera\.db; nothing was installed$/);
    expect(fs.existsSync(path.join(cwd, '.tessera/master.key'))).toBe(false);
    expect(json(run(cwd, ['master-key', 'import', out]))).toMatchObject({ unchanged: false, verified: true });
    expect(run(cwd, ['project', 'list']).status).toBe(0);
    expectRefused(run(fresh, ['master-key', 'import', wrong]), 1, /master\.key holds another key; move it .* aside first, the import never replaces a key/);

    const garbage = path.join(tmp(), 'garbage.key');
    fs.writeFileSync(garbage, 'not-a-key\n');
    expectRefused(run(tmp(), ['master-key', 'import', garbage]), 1, /^tessera: not a master key: expected 64 hex characters/);
    expectRefused(run(tmp(), ['master-key', 'import', out], { TESSERA_MASTER_KEY: key.trim() }), 1, /^tessera: the master key comes from TESSERA_MASTER_KEY, not from a file in the data directory/);
  });
});
