/**
 * `@tessera/node` in the Next.js middleware edge runtime: `next build` + `next start` of the fixture app in
 * `./next-app`, whose `middleware.ts` verifies the `stytch_session_jwt` cookie with the built package
 * (`packages/node/dist`, as an app would install it) against a real Tessera server.
 *
 * Proof that it is the edge runtime, not Node.js:
 * - the build lists the middleware in `middleware-manifest.json` with edge chunks; Next 16's Node.js
 *   middleware (`proxy.ts`) is listed in `functions-config-manifest.json` as `/_middleware` instead;
 * - at request time the middleware reports `process.env.NEXT_RUNTIME` (inlined as `edge`) and the
 *   `EdgeRuntime` global, which only Next's edge sandbox defines.
 *
 * A counting proxy between the app and Tessera shows which requests went to `/v1/sessions/authenticate`.
 * Needs `npm run build` first (the root `npm test` does it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { Client } from '../../src/index.js';
import { startRecordingProxy, type RecordingProxy } from '../fixtures/recording-proxy.js';

const APP_DIR = fileURLToPath(new URL('./next-app/', import.meta.url));
const PACKAGE_DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
// A build dir of this run's own under the fixture's (git-ignored) .next/, so concurrent runs never share one.
const DIST_DIR = path.join('.next', `vitest-${process.pid}-${Date.now().toString(36)}`);
const DIST_PATH = path.join(APP_DIR, DIST_DIR);
const BUILD_TIMEOUT_MS = 150_000;
const START_TIMEOUT_MS = 30_000;
const STRONG = 'Correct-Horse-Battery-Staple-42!';

let srv: TestServer | undefined;
let proxy: RecordingProxy | undefined;
let next: ChildProcess | undefined;
let appUrl: string;
let sessionId: string;
let freshJwt: string;
let expiredJwt: string;
let expiredSessionId: string;

/** `next <args>` in the fixture dir, in its own process group (so a stuck build's workers go with it). */
function spawnNext(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: APP_DIR,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production', // vitest sets `test`, which Next warns about and treats differently
      NEXT_TELEMETRY_DISABLED: '1',
      TESSERA_NEXT_DIST_DIR: DIST_DIR,
      ...env,
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

/** SIGTERM to the process group we started, then SIGKILL if it is still there after 5 s. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function nextBuild(): Promise<void> {
  const { child, output } = spawnNext(['build']);
  const timer = setTimeout(() => void stop(child), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output().slice(-4_000)}`);
}

async function nextStart(env: Record<string, string>): Promise<string> {
  const { child, output } = spawnNext(['start', '-H', '127.0.0.1', '-p', '0'], env);
  next = child;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const url = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
    if (url && /Ready in/.test(output())) return url;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`next start did not become ready:\n${output().slice(-4_000)}`);
}

const authenticateCalls = () => proxy!.requests.filter((r) => r.method === 'POST' && r.url === '/v1/sessions/authenticate').length;
const jwksCalls = () => proxy!.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/v1/sessions/jwks/')).length;

function get(pathname: string, jwt?: string): Promise<Response> {
  return fetch(new URL(pathname, appUrl), {
    redirect: 'manual',
    headers: jwt === undefined ? {} : { cookie: `stytch_session_jwt=${jwt}` },
  });
}

beforeAll(async () => {
  if (!fs.existsSync(PACKAGE_DIST)) throw new Error(`${PACKAGE_DIST} is missing: run \`npm run build\` first`);
  srv = await startServer();
  proxy = await startRecordingProxy(srv.url);
  await nextBuild();

  // Sessions minted by the server directly (not through the proxy): a fresh JWT, and one from a login ten
  // minutes in the past, whose JWT (5 min lifetime) has expired while its 60-minute session has not.
  const client = new Client({ ...srv.project, base_url: srv.url });
  const email = `edge-${Date.now()}@example.com`;
  const created = await client.passwords.create({ email, password: STRONG, session_duration_minutes: 60 });
  sessionId = created.session!.session_id;
  freshJwt = created.session_jwt;
  srv.clock.advance(-600_000);
  try {
    const old = await client.passwords.authenticate({ email, password: STRONG, session_duration_minutes: 60 });
    expiredJwt = old.session_jwt;
    expiredSessionId = old.session!.session_id;
  } finally {
    srv.clock.reset();
  }

  appUrl = await nextStart({
    TESSERA_PROJECT_ID: srv.project.project_id,
    TESSERA_SECRET: srv.project.secret,
    TESSERA_BASE_URL: proxy.url,
  });
}, BUILD_TIMEOUT_MS + START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await stop(next);
  await proxy?.close();
  await srv?.close();
  fs.rmSync(DIST_PATH, { recursive: true, force: true });
  try {
    fs.rmdirSync(path.join(APP_DIR, '.next')); // only if no other run is using it
  } catch {
    /* not empty, or gone */
  }
}, 30_000);

describe('Next.js middleware (edge runtime)', () => {
  it('builds middleware.ts as edge middleware bundling the built @tessera/node', () => {
    const server = path.join(DIST_PATH, 'server');
    const manifest = JSON.parse(fs.readFileSync(path.join(server, 'middleware-manifest.json'), 'utf8'));
    const middleware = manifest.middleware['/'];
    expect(middleware).toMatchObject({ name: 'middleware', page: '/' });
    expect(middleware.files.length).toBeGreaterThan(0);
    for (const f of middleware.files) expect(f).toMatch(/^server\/edge\//);
    // Node.js middleware would be registered here instead.
    const functions = JSON.parse(fs.readFileSync(path.join(server, 'functions-config-manifest.json'), 'utf8'));
    expect(functions.functions['/_middleware']).toBeUndefined();

    // The edge chunks' source maps (input source maps off in next.config.mjs) name what was bundled.
    const sources = (middleware.files as string[])
      .map((f) => path.join(DIST_PATH, `${f}.map`))
      .filter((f) => fs.existsSync(f))
      .flatMap((f) => {
        const map = JSON.parse(fs.readFileSync(f, 'utf8'));
        const names: string[] = map.sources ?? map.sections.flatMap((s: { map: { sources: string[] } }) => s.map.sources);
        return names.map((s) => path.resolve(path.dirname(f), s).split(path.sep).join('/'));
      });
    expect(sources).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/packages\/node\/dist\/sessions\.js$/),
        expect.stringMatching(/\/packages\/core\/dist\/verify\/session-verifier\.js$/),
        expect.stringMatching(/\/jose\/dist\/webapi\/jwt\/verify\.js$/),
        expect.stringMatching(/\/next-app\/middleware\.ts$/),
      ]),
    );
    expect(sources.filter((s) => /\/packages\/(node|core)\/src\//.test(s))).toEqual([]);
  });

  it('verifies a fresh JWT locally in the edge runtime, without asking /v1/sessions/authenticate', async () => {
    const res = await get('/', freshJwt);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tessera-runtime')).toBe('edge-runtime');
    expect(res.headers.get('x-next-runtime')).toBe('edge');
    expect(res.headers.get('x-tessera-local')).toBe(`ok:${sessionId}`);
    expect(res.headers.get('x-tessera-verified')).toBe('local');
    expect(res.headers.get('x-tessera-session-id')).toBe(sessionId);
    expect(await res.text()).toContain('signed in');
    expect(authenticateCalls()).toBe(0);
    const fetched = jwksCalls();
    expect(fetched).toBeGreaterThanOrEqual(1);
    expect(proxy!.requests.filter((r) => r.url.startsWith('/v1/sessions/jwks/')).every((r) => !r.headers.authorization)).toBe(true);

    // The client outlives the request: the next one reuses the cached keys.
    const again = await get('/', freshJwt);
    expect(again.headers.get('x-tessera-verified')).toBe('local');
    expect(authenticateCalls()).toBe(0);
    expect(jwksCalls()).toBe(fetched);
  });

  it('falls back to the API for an expired JWT', async () => {
    const before = authenticateCalls();
    const res = await get('/', expiredJwt);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tessera-runtime')).toBe('edge-runtime');
    expect(res.headers.get('x-tessera-local')).toBe('jwt_invalid');
    expect(res.headers.get('x-tessera-verified')).toBe('remote');
    expect(res.headers.get('x-tessera-session-id')).toBe(expiredSessionId);
    expect(authenticateCalls()).toBe(before + 1);
  });

  it('redirects a garbage JWT to /login after the API rejects it', async () => {
    const before = authenticateCalls();
    const res = await get('/', 'not.a.jwt');
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!, appUrl).pathname).toBe('/login');
    expect(res.headers.get('x-tessera-local')).toBe('jwt_invalid');
    // The API answered with a Stytch error (a TesseraError's error_type), not a network failure.
    expect(res.headers.get('x-tessera-reason')).toBe('unable_to_parse_session_jwt');
    expect(authenticateCalls()).toBe(before + 1);
  });

  it('redirects a request without the cookie to /login without any API call', async () => {
    const before = proxy!.requests.length;
    const res = await get('/');
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!, appUrl).pathname).toBe('/login');
    expect(res.headers.get('x-tessera-reason')).toBe('no_session');
    expect(res.headers.get('x-tessera-runtime')).toBe('edge-runtime');
    expect(proxy!.requests.length).toBe(before);

    const login = await get('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('log in');
  });
});
