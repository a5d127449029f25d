#!/usr/bin/env node
/**
 * `npm run example` (after `npm run build`): a Tessera server on 127.0.0.1 with a seeded demo organization,
 * and the example app (`next build` when its sources changed, then `next start -H 127.0.0.1`). Prints the URL
 * and the demo login; Ctrl-C (SIGINT) or SIGTERM stops both.
 *
 * First run: `tessera project create` and `tessera project vertical b2b` (CLI) into the data dir, then, with
 * the server up, an organization and a member with a password through @tessera/node's B2BClient. What was
 * made is kept in `<data dir>/example.json`, so later runs log in with the same demo account.
 *
 * Environment (all optional):
 *   TESSERA_PORT (4000), EXAMPLE_PORT (3000): 0 picks a free port
 *   EXAMPLE_DATA_DIR   Tessera's data dir (default apps/example-next/.tessera)
 *   EXAMPLE_DIST_DIR   Next's build dir, relative to the app (default .next)
 *   EXAMPLE_BUILD      auto (build when a source is newer than the build), always, never
 *   EXAMPLE_WRITE_ENV  1 (default): write the app's settings to apps/example-next/.env.local (for `next dev`)
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO = path.resolve(APP_DIR, '../..');
const CLI = path.join(REPO, 'packages/server/dist/bundle/tessera.cjs');
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');

const env = process.env;
const TESSERA_PORT = env.TESSERA_PORT ?? '4000';
const APP_PORT = env.EXAMPLE_PORT ?? '3000';
const DATA_DIR = path.resolve(env.EXAMPLE_DATA_DIR ?? path.join(APP_DIR, '.tessera'));
const DIST_DIR = env.EXAMPLE_DIST_DIR ?? '.next';
const BUILD = env.EXAMPLE_BUILD ?? 'auto';
const WRITE_ENV = env.EXAMPLE_WRITE_ENV !== '0';
const STATE_FILE = path.join(DATA_DIR, 'example.json');

const DEMO = {
  organization_name: 'Acme Inc.',
  organization_slug: 'acme',
  email_address: 'demo@acme.example',
  name: 'Ada Demo',
  password: 'tessera-demo-Passw0rd!',
};

const children = new Set();
let stopping = false;

function fail(message) {
  console.error(`example: ${message}`);
  stopAll(1);
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const c of alive) {
    c.once('exit', () => {
      if (--left === 0) process.exit(code);
    });
    c.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const c of alive) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 5_000).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const tesseraEnv = {
  ...env,
  TESSERA_HOST: '127.0.0.1',
  TESSERA_PORT,
  TESSERA_DATA_DIR: DATA_DIR,
  TESSERA_DATABASE_URL: `sqlite:${path.join(DATA_DIR, 'tessera.db')}`,
  TESSERA_LOG_LEVEL: env.TESSERA_LOG_LEVEL ?? 'warn',
};
// A seeded project of the caller's environment would clash with the one made here.
for (const k of ['TESSERA_PROJECT_ID', 'TESSERA_SECRET', 'TESSERA_PUBLIC_TOKEN', 'TESSERA_MASTER_KEY', 'TESSERA_MASTER_KEY_FILE']) delete tesseraEnv[k];

/** `tessera <args>` to completion; its stdout. */
function cli(...args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: tesseraEnv, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tessera ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** Spawns a long-running child, echoing its output with a prefix; resolves with the first match of `ready`. */
function startChild(name, args, opts, ready, timeoutMs) {
  const child = spawn(process.execPath, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs / 1000} s:\n${out.slice(-3000)}`)), timeoutMs);
    const onData = (d) => {
      const text = d.toString();
      out += text;
      if (env.EXAMPLE_QUIET !== '1') for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      reject(new Error(`${name} exited (${signal ?? code}):\n${out.slice(-3000)}`));
      if (!stopping) fail(`${name} stopped (${signal ?? code})`);
    });
  });
}

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) if (e !== 'node_modules' && !e.startsWith('.')) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

function needsBuild() {
  if (BUILD === 'always') return true;
  if (BUILD === 'never') return false;
  const built = fs.statSync(path.join(APP_DIR, DIST_DIR, 'BUILD_ID'), { throwIfNoEntry: false });
  if (!built) return true;
  const sources = ['app', 'lib', 'middleware.ts', 'next.config.mjs', 'tsconfig.json'].map((p) => path.join(APP_DIR, p));
  for (const pkg of ['core', 'js', 'react', 'nextjs', 'node']) sources.push(path.join(REPO, 'packages', pkg, 'dist'));
  return Math.max(...sources.map(newestMtime)) > built.mtimeMs;
}

function nextBuild() {
  console.log(`example: next build (into apps/example-next/${DIST_DIR}) ...`);
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: APP_DIR,
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', EXAMPLE_DIST_DIR: DIST_DIR },
    stdio: env.EXAMPLE_QUIET === '1' ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`next build failed (${r.signal ?? r.status})${r.stdout ? `:\n${(r.stdout + r.stderr).slice(-4000)}` : ''}`);
}

async function seedDemo(state, tesseraUrl) {
  const { B2BClient } = await import('@tessera/node');
  const b2b = new B2BClient({ project_id: state.project_id, secret: state.secret, base_url: tesseraUrl });
  const { organization } = await b2b.organizations.create({ organization_name: DEMO.organization_name, organization_slug: DEMO.organization_slug });
  // B2B members get a password by migration (or a reset flow); an MD5 of the demo password is the simplest
  // hash to hand over. Tessera re-hashes it on the first login.
  const hash = crypto.createHash('md5').update(DEMO.password).digest('hex');
  const { member } = await b2b.passwords.migrate({
    organization_id: organization.organization_id,
    email_address: DEMO.email_address,
    name: DEMO.name,
    hash,
    hash_type: 'md_5',
  });
  return { ...state, organization_id: organization.organization_id, organization_slug: organization.organization_slug, member_id: member.member_id, email_address: DEMO.email_address, password: DEMO.password };
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('packages are not built: run `npm run build` (or `npm run example`, which builds them)');
  fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });

  let state = fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : null;
  if (!state?.project_id) {
    const created = JSON.parse(cli('project', 'create', '--name', 'Tessera example (B2B)'));
    cli('project', 'vertical', 'b2b', '--project', created.project_id);
    state = { project_id: created.project_id, secret: created.secret, public_token: created.public_token };
    fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  }

  // Build (if needed) before starting anything, so the server is not left waiting.
  if (needsBuild()) nextBuild();

  const [, tesseraUrl] = await startChild('tessera', [CLI, 'start'], { env: tesseraEnv }, /Tessera listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  if (!state.organization_id) {
    state = await seedDemo(state, tesseraUrl);
    fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  }

  const appEnv = {
    STYTCH_PROJECT_ID: state.project_id,
    STYTCH_SECRET: state.secret,
    STYTCH_PUBLIC_TOKEN: state.public_token,
    TESSERA_URL: tesseraUrl,
    EXAMPLE_ORGANIZATION: state.organization_slug,
  };
  if (WRITE_ENV) {
    const lines = Object.entries(appEnv).map(([k, v]) => `${k}=${v}`);
    fs.writeFileSync(path.join(APP_DIR, '.env.local'), `# written by npm run example\n${lines.join('\n')}\n`, { mode: 0o600 });
  }

  const [, appUrl] = await startChild(
    'next',
    [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', APP_PORT],
    { cwd: APP_DIR, env: { ...env, ...appEnv, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', EXAMPLE_DIST_DIR: DIST_DIR } },
    /Local:\s+(http:\/\/127\.0\.0\.1:\d+)[\s\S]*Ready in/,
    60_000,
  );

  console.log(
    [
      '',
      `Example app:  ${appUrl}/login`,
      `  organization: ${state.organization_slug} (${state.organization_id})`,
      `  email:        ${state.email_address}`,
      `  password:     ${state.password}`,
      `Tessera:      ${tesseraUrl}  (project ${state.project_id}, data in ${path.relative(process.cwd(), DATA_DIR) || '.'})`,
      'Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
