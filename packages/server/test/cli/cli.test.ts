import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './sandbox.js';
import * as stytch from 'stytch';

const sandbox = cliSandbox('tessera-cli-');
const { tmp, run } = sandbox;

/** Runs `tessera start` until it prints its banner (`out`: what it printed by then); `stop` stops it by PID. */
async function start(cwd: string, env: Record<string, string> = {}) {
  const s = await sandbox.start(cwd, env);
  const { stdout, stderr } = s.output();
  return { ...s, out: stdout + stderr };
}

// Each test spawns several processes (node start-up, migrations, RSA key generation): allow for a busy CI box.
const SLOW = { timeout: 90_000 };

const field = (out: string, name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(out)?.[1];

describe('tessera start', () => {
  it('creates a dev project on first start, prints its secret once, and works with the official client', SLOW, async () => {
    const cwd = tmp();
    const first = await start(cwd);
    const project_id = field(first.out, 'project_id')!;
    const secret = field(first.out, 'secret')!;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.out)![1]!;
    expect(project_id).toMatch(/^project-test-/);
    expect(secret).toMatch(/^secret-test-/);
    expect(field(first.out, 'public_token')).toMatch(/^public-token-test-/);
    expect(fs.statSync(path.join(cwd, '.tessera/master.key')).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(cwd, '.tessera/tessera.db'))).toBe(true);
    const client = new stytch.Client({ project_id, secret, env: `${url}/` });
    expect((await client.passwords.strengthCheck({ password: 'x' })).status_code).toBe(200);
    await first.stop();

    const second = await start(cwd);
    expect(field(second.out, 'project_id')).toBe(project_id);
    expect(second.out).not.toContain(secret);
    expect(second.out).not.toMatch(/secret:\s+secret-/);
    await second.stop();

    // the database never holds the secret or a session token in the clear
    expect(fs.readFileSync(path.join(cwd, '.tessera/tessera.db')).includes(secret)).toBe(false);
  });

  it('seeds a known project from TESSERA_PROJECT_ID / TESSERA_SECRET / TESSERA_PUBLIC_TOKEN', SLOW, async () => {
    const cwd = tmp();
    const env = {
      TESSERA_PROJECT_ID: 'project-test-11111111-2222-4333-8444-555555555555',
      TESSERA_SECRET: 'secret-test-my-own-secret-for-ci-0123456789',
      TESSERA_PUBLIC_TOKEN: 'public-token-test-11111111-2222-4333-8444-555555555555',
    };
    const s = await start(cwd, env);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(s.out)![1]!;
    const client = new stytch.Client({ project_id: env.TESSERA_PROJECT_ID, secret: env.TESSERA_SECRET, env: `${url}/` });
    expect((await client.passwords.strengthCheck({ password: 'x' })).status_code).toBe(200);
    await s.stop();
  });

  it('refuses a bad configuration with every problem listed', () => {
    const r = run(tmp(), ['start'], { TESSERA_PORT: 'eighty', TESSERA_MASTER_KEY: 'short' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/TESSERA_PORT/);
    expect(r.stderr).toMatch(/TESSERA_MASTER_KEY/);
  });
});

describe('tessera project / keys / migrate', () => {
  it('project create prints a usable project; keys rotate adds a key; migrate reports', SLOW, async () => {
    const cwd = tmp();
    const m = run(cwd, ['migrate']);
    expect(m.stdout).toMatch(/applied: 0001_projects, 0002_users_sessions/);
    expect(run(cwd, ['migrate']).stdout).toMatch(/up to date/);
    const created = JSON.parse(run(cwd, ['project', 'create', '--name', 'Shop']).stdout);
    expect(created.project_id).toMatch(/^project-test-/);
    expect(created.secret).toMatch(/^secret-test-/);
    const live = JSON.parse(run(cwd, ['project', 'create', '--live']).stdout);
    expect(live.project_id).toMatch(/^project-live-/);
    expect(run(cwd, ['keys', 'rotate']).stderr).toMatch(/there are 2 projects/);
    const rotated = JSON.parse(run(cwd, ['keys', 'rotate', '--project', created.project_id, '--immediate']).stdout);
    expect(rotated.kid).toMatch(/^jwk-test-/);
    const list = run(cwd, ['project', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(list.map((p: { project_id: string }) => p.project_id)).toEqual([created.project_id, live.project_id]);

    const s = await start(cwd);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(s.out)![1]!;
    const jwks = await (await fetch(`${url}/v1/sessions/jwks/${created.project_id}`)).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(rotated.kid);
    expect(jwks.keys).toHaveLength(2);
    await s.stop();
  });

  it('--alg picks the signing profile at project creation and at rotation; a rotation without it keeps the newest key\'s', SLOW, async () => {
    const cwd = tmp();
    const created = JSON.parse(run(cwd, ['project', 'create', '--alg', 'EdDSA']).stdout);
    const kept = JSON.parse(run(cwd, ['keys', 'rotate', '--immediate']).stdout);
    expect(kept.alg).toBe('EdDSA');
    const es = JSON.parse(run(cwd, ['keys', 'rotate', '--alg', 'ES256']).stdout);
    expect(es).toMatchObject({ alg: 'ES256', project_id: created.project_id });
    for (const args of [['keys', 'rotate', '--alg', 'HS256'], ['project', 'create', '--alg', 'rs256']]) {
      const refused = run(cwd, args);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/--alg takes RS256, ES256, EdDSA/);
    }
    const s = await start(cwd);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(s.out)![1]!;
    const jwks = await (await fetch(`${url}/v1/sessions/jwks/${created.project_id}`)).json();
    expect(jwks.keys.map((k: { alg: string; kty: string }) => `${k.alg}/${k.kty}`)).toEqual(['EdDSA/OKP', 'EdDSA/OKP', 'ES256/EC']);
    await s.stop();
  });
});

describe('the tessera binary sizes libuv\'s threadpool', () => {
  /** Threads of a process once its count holds still (the password workers start after the banner). */
  async function steadyThreads(pid: number): Promise<number> {
    let last = -1;
    for (let same = 0, i = 0; same < 5 && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const n = fs.readdirSync(`/proc/${pid}/task`).length;
      same = n === last ? same + 1 : 0;
      last = n;
    }
    return last;
  }

  it.runIf(process.platform === 'linux')('to the number of cores (at least 2) before any ES module loads, unless UV_THREADPOOL_SIZE is set', SLOW, async () => {
    const cwd = tmp();
    const expected = Math.max(2, os.availableParallelism());
    // The operator's size differs from the default on every machine, so the difference can only be the pool's.
    const own = await start(cwd, { UV_THREADPOOL_SIZE: String(expected + 2) });
    const withOwn = await steadyThreads(own.pid);
    await own.stop();
    const dflt = await start(cwd, { UV_THREADPOOL_SIZE: '' });
    const withDefault = await steadyThreads(dflt.pid);
    await dflt.stop();
    // Same process otherwise: the difference is the pool's size.
    expect(withOwn - withDefault).toBe(2);
  });
});
