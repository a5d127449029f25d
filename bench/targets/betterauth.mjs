// betterauth.mjs: the peer. Better Auth 1.7.25 on better-sqlite3 (WAL, synchronous=NORMAL) in a minimal node:http server,
// GET /api/auth/get-session through the full Better Auth handler (toNodeHandler). Adapted from
// the team's reference script `peer-betterauth.mjs` (the performance baseline study, section 4).
// Seeds USERS users through POST /api/auth/sign-up/email; each variant is one user's session Cookie.
// Defaults kept except: cookieCache off (every call reads the session from SQLite), rate limit and telemetry off.
//
// Follows the harness target contract (bench/README.md). Env: PORT, INFO, BENCH_TMPDIR (from the harness);
//   USERS=100, CC=0|1 (session.cookieCache), UPDATE_AGE=<s> (0 = write the session row on every call),
//   JWT=0|1 (jwt plugin: get-session also mints a JWT into the set-auth-jwt header), JWT_ALG=RS256|EdDSA (RS256),
//   MODE=handler|api (api = app-style middleware calling auth.api.getSession in-process, no router).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { toNodeHandler, fromNodeHeaders } from 'better-auth/node';
import { getMigrations } from 'better-auth/db/migration';
import { writeInfo, benchPort, exitOnSignals } from './contract.mjs';

const E = process.env, PORT = benchPort(), base = `http://127.0.0.1:${PORT}`;
const JWT = E.JWT === '1', JWT_ALG = E.JWT_ALG ?? 'RS256';
const file = path.join(E.BENCH_TMPDIR ?? process.cwd(), 'ba.db');
for (const f of [file, file + '-wal', file + '-shm']) fs.rmSync(f, { force: true });
const sqlite = new Database(file); sqlite.pragma('journal_mode = WAL'); sqlite.pragma('synchronous = NORMAL');
const plugins = [];
if (JWT) plugins.push((await import('better-auth/plugins')).jwt(JWT_ALG === 'RS256' ? { jwks: { keyPairConfig: { alg: 'RS256', modulusLength: 2048 } } } : {}));
const auth = betterAuth({
  database: sqlite, baseURL: base, secret: 'perf-test-secret-perf-test-secret-0123456789',
  emailAndPassword: { enabled: true }, telemetry: { enabled: false }, rateLimit: { enabled: false },
  session: { cookieCache: { enabled: E.CC === '1', maxAge: 3600 }, ...(E.UPDATE_AGE != null ? { updateAge: +E.UPDATE_AGE } : {}) },
  plugins,
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const cookies = [];
const USERS = +(E.USERS ?? 100);
for (let i = 0; i < USERS; i++) {
  const r = await auth.handler(new Request(base + '/api/auth/sign-up/email', { method: 'POST', headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: `user${i}@example.com`, password: 'correct horse battery staple', name: `User ${i}` }) }));
  if (r.status !== 200) throw new Error('sign-up ' + r.status + ' ' + await r.text());
  cookies.push(r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
}
// Self-check, and with the jwt plugin also the first mint: it creates the key pair, which otherwise races under the first
// burst of 50 concurrent requests (the baseline study, docs/performance.md: 0 responses in the warm-up).
for (const c of [cookies[0], cookies[cookies.length - 1]]) {
  const r = await auth.handler(new Request(base + '/api/auth/get-session', { headers: { cookie: c } }));
  const body = await r.json();
  if (r.status !== 200 || !body?.session) throw new Error(`self-check get-session: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
  if (JWT && !r.headers.get('set-auth-jwt')) throw new Error('self-check: jwt plugin did not set set-auth-jwt');
}

const nodeHandler = toNodeHandler(auth);
const server = E.MODE === 'api' ? http.createServer(async (req, res) => {
  if (req.url.startsWith('/api/auth/get-session')) {
    const s = JSON.stringify(await auth.api.getSession({ headers: fromNodeHeaders(req.headers) }));
    return res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) }).end(s);
  }
  return nodeHandler(req, res);
}) : http.createServer(nodeHandler);
server.listen(PORT, '127.0.0.1', () => {
  writeInfo({
    method: 'GET', path: '/api/auth/get-session', headers: {},
    variants: cookies.map((cookie) => ({ headers: { cookie } })),
    // an unknown cookie also gets 200 (body "null"), so check the body, and the minted JWT when the plugin is on
    check: { status: 200, bodyIncludes: '"session"', ...(JWT && E.MODE !== 'api' ? { header: 'set-auth-jwt' } : {}) },
  });
  console.log('listening', PORT, { USERS, CC: E.CC ?? '0', JWT, JWT_ALG: JWT ? JWT_ALG : undefined, MODE: E.MODE ?? 'handler' });
});
exitOnSignals(() => { try { sqlite.close(); } catch { /* closing */ } });
