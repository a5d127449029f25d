/**
 * The built CLI as an operator meets it (issue #13 points 3, 6, 7): a wrong or missing master key is refused
 * with one line and nothing served, files are private, and a secret passed in is never echoed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliSandbox } from './sandbox.js';
import * as stytch from 'stytch';

const { tmp, run, start } = cliSandbox('tessera-cli-mk-');

const SLOW = { timeout: 90_000 };
const hexKey = () => crypto.randomBytes(32).toString('hex');
const mode = (file: string) => fs.statSync(file).mode & 0o777;
/** A refusal: exit 2, exactly one line on stderr (no stack trace), nothing on stdout. */
function expectRefusal(r: { status: number | null; stdout: string; stderr: string }, message: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('a wrong or missing master key is refused at start', () => {
  it('another TESSERA_MASTER_KEY over an existing database: one line naming the key, exit 2, nothing served', SLOW, () => {
    const cwd = tmp();
    const created = JSON.parse(run(cwd, ['project', 'create']).stdout) as { project_id: string };
    const wrong = { TESSERA_MASTER_KEY: hexKey() };
    const r = run(cwd, ['start'], wrong, 20_000);
    expectRefusal(r, /^tessera: wrong master key: the key from TESSERA_MASTER_KEY is not the one the database \/.*\/\.tessera\/tessera\.db was set up with; start with that key/);
    // every command that opens the database refuses the same way
    expectRefusal(run(cwd, ['project', 'list'], wrong), /^tessera: wrong master key: the key from TESSERA_MASTER_KEY /);
    expectRefusal(run(cwd, ['keys', 'rotate'], wrong), /^tessera: wrong master key: /);
    // the right key (master.key) still works
    expect(run(cwd, ['project', 'list']).stdout).toContain(created.project_id);
  });

  it('a deleted master.key over an existing database: refused, and no new master.key is made', SLOW, () => {
    const cwd = tmp();
    run(cwd, ['project', 'create']);
    const keyFile = path.join(cwd, '.tessera/master.key');
    fs.rmSync(keyFile);
    expectRefusal(
      run(cwd, ['start'], {}, 20_000),
      /^tessera: master key missing: \/.*\/\.tessera\/master\.key does not exist and the database .*tessera\.db already holds data; restore the key file/,
    );
    expect(fs.existsSync(keyFile)).toBe(false);
    expectRefusal(run(cwd, ['project', 'create']), /^tessera: master key missing: /);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('TESSERA_MASTER_KEY_FILE: used instead of master.key, never created, exclusive with TESSERA_MASTER_KEY', SLOW, async () => {
    const cwd = tmp();
    const keyFile = path.join(tmp(), 'master-key');
    expectRefusal(run(cwd, ['start'], { TESSERA_MASTER_KEY_FILE: keyFile }, 20_000), /^tessera: the master key file .*master-key named by TESSERA_MASTER_KEY_FILE does not exist/);
    expect(fs.existsSync(keyFile)).toBe(false);

    const key = hexKey();
    fs.writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    const s = await start(cwd, { TESSERA_MASTER_KEY_FILE: keyFile });
    const project_id = /project_id:\s+(\S+)/.exec(s.output().stdout)![1]!;
    const jwks = (await (await fetch(`${s.url}/v1/sessions/jwks/${project_id}`)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(1);
    await s.stop();
    expect(s.output().stdout).not.toMatch(/master key created/);
    expect(fs.existsSync(path.join(cwd, '.tessera/master.key'))).toBe(false);
    expect(run(cwd, ['project', 'list'], { TESSERA_MASTER_KEY: key }).stdout).toContain(project_id);

    const both = run(cwd, ['project', 'list'], { TESSERA_MASTER_KEY: key, TESSERA_MASTER_KEY_FILE: keyFile });
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/TESSERA_MASTER_KEY and TESSERA_MASTER_KEY_FILE are both set/);

    fs.writeFileSync(keyFile, `${hexKey()}\n`);
    expectRefusal(run(cwd, ['project', 'list'], { TESSERA_MASTER_KEY_FILE: keyFile }), /^tessera: wrong master key: the key from TESSERA_MASTER_KEY_FILE \(\/.*master-key\) is not the one/);
  });
});

describe('files are private', () => {
  it('after the first start: data dir 0700; database, -wal, -shm and master.key 0600', SLOW, async () => {
    const cwd = tmp();
    const s = await start(cwd);
    const dataDir = path.join(cwd, '.tessera');
    // while the server runs, SQLite has its -wal and -shm open
    expect({
      dir: mode(dataDir),
      db: mode(path.join(dataDir, 'tessera.db')),
      wal: mode(path.join(dataDir, 'tessera.db-wal')),
      shm: mode(path.join(dataDir, 'tessera.db-shm')),
      key: mode(path.join(dataDir, 'master.key')),
    }).toEqual({ dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600, key: 0o600 });
    await s.stop();
    expect(s.output().stderr).toBe('');
  });

  it('an existing database open to others is tightened with a notice; an open data dir gets a warning', SLOW, () => {
    const cwd = tmp();
    const dataDir = path.join(cwd, 'data');
    fs.mkdirSync(dataDir);
    fs.chmodSync(dataDir, 0o755); // made by an operator first
    const env = { TESSERA_DATA_DIR: dataDir };
    const first = run(cwd, ['project', 'create'], env);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/^tessera: warning: the data directory \/.*\/data is open to group or others \(mode 0755\); run: chmod 700 /m);
    expect(mode(dataDir)).toBe(0o755); // the operator's directory is not changed
    const db = path.join(dataDir, 'tessera.db');
    expect(mode(db)).toBe(0o600);
    fs.chmodSync(db, 0o644);
    fs.chmodSync(dataDir, 0o700);
    const r = run(cwd, ['project', 'list'], env);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^tessera: notice: \/.*\/data\/tessera\.db was open to group or others \(mode 0644\); changed it to 0600$/m);
    expect(mode(db)).toBe(0o600);
  });

  it('a master key file open to group or others is refused; `start --force` accepts it with a warning', SLOW, async () => {
    const cwd = tmp();
    run(cwd, ['project', 'create']);
    const keyFile = path.join(cwd, '.tessera/master.key');
    fs.chmodSync(keyFile, 0o644);
    expectRefusal(
      run(cwd, ['start'], {}, 20_000),
      /^tessera: the master key file \/.*\/\.tessera\/master\.key is open to group or others \(mode 0644\); run: chmod 600 .* \(or pass --force to accept it\)$/,
    );
    const s = await start(cwd, {}, ['--force']);
    await s.stop();
    expect(s.output().stderr).toMatch(/^tessera: warning: the master key file .*master\.key is open to group or others \(mode 0644\); accepted because of --force$/m);
    expect(mode(keyFile)).toBe(0o644); // an operator's choice, not silently changed
  });
});

describe('secrets on stdout', () => {
  it('a secret passed in through TESSERA_SECRET is never printed or logged (default log level)', SLOW, async () => {
    const cwd = tmp();
    const env = {
      TESSERA_LOG_LEVEL: '', // the default, info
      TESSERA_PROJECT_ID: 'project-test-11111111-2222-4333-8444-555555555555',
      TESSERA_SECRET: 'secret-test-operator-chosen-0123456789abcdef',
      TESSERA_PUBLIC_TOKEN: 'public-token-test-11111111-2222-4333-8444-555555555555',
    };
    for (const round of [1, 2]) {
      const s = await start(cwd, env);
      expect(s.output().stdout).not.toContain(env.TESSERA_SECRET);
      expect(s.output().stdout).toContain(env.TESSERA_PROJECT_ID);
      if (round === 1) expect(s.output().stdout).toMatch(/Created a project with the secret in TESSERA_SECRET/);
      const client = new stytch.Client({ project_id: env.TESSERA_PROJECT_ID, secret: env.TESSERA_SECRET, env: `${s.url}/` });
      expect((await client.passwords.strengthCheck({ password: 'x' })).status_code).toBe(200);
      await expect(client.users.get({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' })).rejects.toThrow();
      const bad = new stytch.Client({ project_id: env.TESSERA_PROJECT_ID, secret: `${env.TESSERA_SECRET}x`, env: `${s.url}/` });
      await expect(bad.passwords.strengthCheck({ password: 'x' })).rejects.toThrow();
      await s.stop();
      const { stdout, stderr } = s.output();
      expect(stdout).not.toContain(env.TESSERA_SECRET);
      expect(stderr).not.toContain(env.TESSERA_SECRET);
      expect(stdout + stderr).not.toContain(env.TESSERA_SECRET.slice(-12));
    }
  });
});
