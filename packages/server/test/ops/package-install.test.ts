/**
 * The installable package (issue #19): `npm pack` of @tessera/server, installed into an empty directory
 * the way an operator installs it, runs with `npx tessera start` from that directory and serves
 * the API with nothing from this repository on its module path. The bundle carries its JavaScript, so
 * what gets installed is the native modules and zxcvbn's dictionaries; a dependency the bundle needs but
 * the package does not declare fails here, not on the operator's machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { cliSandbox } from '../cli/sandbox.js';

const { tmp, start } = cliSandbox('tessera-pkg-');
const SERVER = path.resolve(import.meta.dirname, '../..');

/**
 * npm as the operator runs it: without the npm_* variables of the `npm test` that runs this suite (they
 * would point the child at this repository), keeping the cache and the native-build headers.
 */
const inherited = (k: string) => !k.startsWith('npm_') || k === 'npm_config_nodedir' || k === 'npm_config_cache';
/** The same for the server `npx` starts: those variables removed ('' removes one in the sandbox). */
const operatorEnv = Object.fromEntries(Object.keys(process.env).filter((k) => !inherited(k)).map((k) => [k, '']));

function npm(cwd: string, args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => inherited(k))) as NodeJS.ProcessEnv;
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 240_000, killSignal: 'SIGKILL' });
  expect(r.status, `npm ${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the packed @tessera/server', () => {
  it('installs into an empty directory and its tessera binary serves the API', { timeout: 300_000 }, async () => {
    const out = tmp();
    const [packed] = JSON.parse(npm(SERVER, ['pack', '--json', '--pack-destination', out])) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/bundle/tessera.cjs', 'dist/bundle/main.js', 'dist/bundle/worker.js']));
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || /\.test\./.test(f))).toEqual([]);

    const app = tmp();
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'operator-app', private: true }));
    npm(app, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(out, packed!.filename)]);
    // What the bundle already contains is not installed a second time.
    for (const bundled of ['fastify', 'kysely', 'pino', 'typebox', 'commander', '@tessera/core']) {
      expect(fs.existsSync(path.join(app, 'node_modules', bundled)), bundled).toBe(false);
    }

    // `npx tessera start`, as an operator types it in that directory; --no-install: the installed one or nothing.
    const server = await start(app, { ...operatorEnv, TESSERA_DATA_DIR: '' }, [], ['npx', '--no-install', 'tessera']);
    expect(fs.existsSync(path.join(app, '.tessera/tessera.db'))).toBe(true);
    const { stdout } = server.output();
    const project_id = /project_id:\s+(\S+)/.exec(stdout)![1]!;
    const secret = /secret:\s+(\S+)/.exec(stdout)![1]!;
    const client = new stytch.Client({ project_id, secret, env: `${server.url}/` });

    // A password exercises argon2 (native, in the bundled worker) and the strength check (zxcvbn's packs).
    const weak = await client.passwords.create({ email: 'ada@example.com', password: 'password' }).catch((e: unknown) => e);
    expect(weak).toMatchObject({ status_code: 400, error_type: 'weak_password' });
    const created = await client.passwords.create({ email: 'ada@example.com', password: 'correct-Horse-battery-staple-91', session_duration_minutes: 60 });
    const authed = await client.sessions.authenticate({ session_token: created.session_token });
    expect(authed.session.user_id).toBe(created.user_id);
    const jwt = await client.sessions.authenticateJwt({ session_jwt: created.session_jwt });
    expect(jwt.session.session_id).toBe(created.session!.session_id);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status_code: 200, status: 'ok' });
    await server.stop();
    // npx, its shell and the server all end: nothing of the group is left behind.
    await expect.poll(() => groupAlive(server.pid), { timeout: 15_000 }).toBe(false);
  });
});
