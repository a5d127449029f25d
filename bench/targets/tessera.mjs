// bench/targets/tessera.mjs: a Tessera server for the benchmark (contract: bench/README.md, "Target contract").
// Env: PORT, INFO, BENCH_TMPDIR (scratch dir for the SQLite file and master key), MODE=token|jwt, SEED (10000).
// It runs the built server (`npm run build`) on a fresh SQLite file (WAL, synchronous=NORMAL), seeds SEED users
// with one live session each, and asks for `POST /v1/sessions/authenticate` with a random seeded
// `session_token` (MODE=token) or `session_jwt` (MODE=jwt), Basic project credentials, a fresh JWT every call.
// In jwt mode the seeded JWTs pass their 5-minute `exp` during a long run; the server does the same work for
// them (it accepts a well-signed JWT of a live session whatever its age, as Stytch does), so that is kept.
//
// The harness starts it with UV_THREADPOOL_SIZE = cores (at least 2), what the `tessera` binary sets for itself (JWTs are
// signed on libuv's threadpool; an ES module cannot set the size for its own process, the pool is already up).
//
// STORM=n|auto (the `tessera-storm` row): a second project gets STORM_USERS users whose password is a
// migrated PBKDF2-SHA256 hash at the cap (2,000,000 iterations, ~1.2 s of one CPU on the 2-core dev box),
// and n loops in this process (auto: password workers + 1, which keeps every worker busy with one login
// waiting) send wrong-password logins for them over HTTP, but only while `sessions/authenticate` traffic
// is arriving (within the last STORM_IDLE_MS). So the storm runs during this row's warm-up and rounds and
// not while the other targets are measured; INFO's `settleMs` makes the harness wait for the logins still
// queued after a window. Wrong passwords keep the hash expensive (a right one would upgrade it to
// argon2id); the lockout threshold is raised so they never lock. The outcomes are counted and printed to
// the server log (bench/results/srv-tessera-storm.log).
//
// DB=postgres (the `tessera-pg` row): the same server over PostgreSQL instead of SQLite: a throwaway cluster
// started here with durable settings (bench/lib/postgres.mjs), the pool at TESSERA_DATABASE_POOL_SIZE (10).
// INSTANCES=2 (the `tessera-2x` row): a second `tessera start` process on another port over the same database
// and master key; INFO's `ports` lists both, and the load generator spreads its connections over them.
//
// ALG=ES256|EdDSA (the `tessera-es256` row): the project's signing key is rotated to that algorithm before
// seeding (`rotateKeys(..., { alg, immediate: true })`, what `tessera keys rotate --alg` does), so every
// authenticate mints an ES256 (or EdDSA) JWT instead of RS256.
// MODE=member|member-authz (the B2B rows): SEED members, 100 per organization, each with one live member
// session, called on `POST /v1/b2b/sessions/authenticate` with their `session_token`; member-authz adds an
// `authorization_check` their role (stytch_admin) grants, so the RBAC policy is read and evaluated per call.
//
// READ_CACHE=n: TESSERA_SQLITE_READ_CACHE (records per read cache; 0 turns the caches off: `tessera-1m-uncached`).
//
// SESSIONS=n (the `tessera-1m` row, MODE=token): n users with one live session each in the database instead of
// SEED. One user and session are made through the domain as a template; bench/lib/bulk-seed.mjs copies their
// rows n times into the SQLite file in one transaction (token hashes derived with the server's own code), in a
// child process. The variants are SEED of those sessions, evenly spaced over the whole set; three of them are
// authenticated over HTTP before INFO is written. SQLite only.
//
// INFO also carries `database` ({ files, sessions }: the SQLite file and its WAL, the live sessions in it), so
// the harness can report bytes per session after the rounds.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { createMember, createOrganization, createProject, createUser, loadConfig, newFactor, projectContext, rotateKeys, startMemberSession, startServer, startSession } from '@tessera/server';
import { freePort } from '../lib/http-target.mjs';
import { startCluster } from '../lib/postgres.mjs';
import { benchPort, writeInfo } from './contract.mjs';

const { MODE = 'token', SEED = '10000', STORM = '0', STORM_USERS = '8', STORM_IDLE_MS = '300', DB = 'sqlite', INSTANCES = '1', ALG = 'RS256' } = process.env;
const member = MODE === 'member' || MODE === 'member-authz';
const storming = STORM !== '0' && STORM !== '';
const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), 'tessera-'));
const cleanups = [() => fs.rmSync(dir, { recursive: true, force: true })];
const cluster = DB === 'postgres' ? await startCluster() : null;
if (cluster) cleanups.unshift(cluster.stop);
// Several instances share a PostgreSQL database, so the master key is given to each (it is required there).
const database = cluster ? { TESSERA_DATABASE_URL: cluster.url, TESSERA_MASTER_KEY: crypto.randomBytes(32).toString('hex') } : {};
const server = await startServer(
  loadConfig({
    TESSERA_HOST: '127.0.0.1',
    TESSERA_PORT: String(benchPort()),
    TESSERA_DATA_DIR: dir,
    TESSERA_LOG_LEVEL: 'warn',
    ...database,
    ...(storming ? { TESSERA_LOCKOUT_THRESHOLD: '1000' } : {}),
    ...(process.env.READ_CACHE !== undefined ? { TESSERA_SQLITE_READ_CACHE: process.env.READ_CACHE } : {}),
  }),
);
const { project, secret } = server.createdProject;
const ctx = projectContext(server.runtime.deps, project);
if (ALG !== 'RS256') await rotateKeys(server.runtime.deps, project.project_id, { alg: ALG, immediate: true });

const WEEK = 7 * 24 * 60;
const variants = [];
let organization;
const bulk = !member && Number(process.env.SESSIONS) > 0 ? Number(process.env.SESSIONS) : 0;
let template;
for (let i = 0; i < (bulk ? 1 : Number(SEED)); i++) {
  if (member) {
    if (i % 100 === 0) organization = await createOrganization(ctx, { organization_name: `Bench ${i / 100}`, organization_slug: `bench-${i / 100}` });
    const { member: m } = await createMember(ctx, organization.organization_id, { email_address: `bench-${i}@example.com`, name: 'Ada Lovelace', roles: ['stytch_admin'] });
    const s = await startMemberSession(ctx, m, organization, [newFactor('password', 'knowledge', Date.now())], { session_duration_minutes: WEEK });
    const check = MODE === 'member-authz' ? { authorization_check: { organization_id: organization.organization_id, resource_id: 'stytch.member', action: 'update.info.name' } } : {};
    variants.push({ body: JSON.stringify({ session_token: s.session_token, ...check }) });
    continue;
  }
  const user = await createUser(ctx, { email: `bench-${i}@example.com`, name: { first_name: 'Ada', last_name: 'Lovelace' } });
  const s = await startSession(ctx, user, newFactor('password', 'knowledge', Date.now()), { session_duration_minutes: WEEK });
  template = { templateUserId: user.user_id, templateSessionId: s.record.session_id };
  variants.push({ body: JSON.stringify(MODE === 'jwt' ? { session_jwt: s.session_jwt } : { session_token: s.session_token }) });
}

if (bulk) {
  if (cluster) throw new Error('SESSIONS=n (bulk seeding) is for SQLite only');
  const { bulkSeed } = await import('../lib/bulk-seed.mjs');
  const { tokens } = await bulkSeed({ db: path.join(dir, 'tessera.db'), masterKeyFile: path.join(dir, 'master.key'), projectId: project.project_id, ...template, count: bulk, sample: Number(SEED), out: path.join(dir, 'bulk-sample.json') });
  variants.splice(0, variants.length, ...tokens.map((t) => ({ body: JSON.stringify({ session_token: t }) })));
  // The bulk-seeded sessions must authenticate through the API like the domain's (first, middle, last of the sample).
  for (const i of [0, tokens.length >> 1, tokens.length - 1]) {
    const res = await fetch(`${server.url}/v1/sessions/authenticate`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${project.project_id}:${secret}`).toString('base64'), 'content-type': 'application/json' }, body: variants[i].body });
    if (res.status !== 200) throw new Error(`a bulk-seeded session did not authenticate: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer();
  }
}

const ports = [benchPort()];
for (let i = 1; i < Number(INSTANCES); i++) ports.push(await startInstance(i));

// The seeding above ran in this process, through the server's own domain functions, and left tens of MB of
// garbage and a grown old space on the heap, which V8 keeps until it needs a full collection. A server started
// on an existing database has none of it, so one full collection now, before INFO: the memory the harness
// reports after the load is the server's, not the seeder's. (Measured: ~40 MB of RSS at ready.)
v8.setFlagsFromString('--expose-gc');
vm.runInNewContext('gc')();

const storm = storming ? await startStorm(STORM === 'auto' ? server.runtime.deps.passwordPool.options.workers + 1 : Number(STORM), Number(STORM_USERS), Number(STORM_IDLE_MS)) : null;

writeInfo({
  method: 'POST',
  path: member ? '/v1/b2b/sessions/authenticate' : '/v1/sessions/authenticate',
  headers: {
    authorization: 'Basic ' + Buffer.from(`${project.project_id}:${secret}`).toString('base64'),
    'content-type': 'application/json',
  },
  variants,
  check: { status: 200, bodyIncludes: '"session_jwt":"ey' },
  ...(ports.length > 1 ? { ports } : {}),
  ...(cluster ? {} : { database: { files: [path.join(dir, 'tessera.db'), path.join(dir, 'tessera.db-wal')], sessions: bulk ? bulk + 1 : Number(SEED) } }),
  ...(storm ? { settleMs: storm.settleMs } : {}),
});
console.log(`tessera listening on ${ports.map((p) => `127.0.0.1:${p}`).join(' and ')} (MODE=${MODE}, ALG=${ALG}, ${cluster ? `PostgreSQL ${cluster.version}` : 'SQLite'}, ${bulk ? `${bulk + 1} sessions in the database, ${variants.length} of them as variants` : `${variants.length} sessions`}${storm ? `, storm of ${storm.loops} logins` : ''})`);
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
async function shutdown() {
  try {
    for (const c of cleanups) await c();
  } finally {
    process.exit(0);
  }
}

/** Another `tessera start` over the same database (a child of this process, so its CPU counts as the server's). */
async function startInstance(n) {
  const port = await freePort();
  const cli = fileURLToPath(new URL('../../packages/server/dist/bundle/tessera.cjs', import.meta.url));
  const child = spawn(process.execPath, [cli, 'start'], {
    env: { ...process.env, ...database, TESSERA_HOST: '127.0.0.1', TESSERA_PORT: String(port), TESSERA_DATA_DIR: path.join(dir, `instance-${n}`), TESSERA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.unshift(() => child.kill('SIGTERM'));
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const t0 = Date.now();
  while (!/listening on http/.test(out)) {
    if (child.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`instance ${n} did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return port;
}

/** The login storm of STORM=n (see the header). */
async function startStorm(loops, users, idleMs) {
  const other = await createProject(server.runtime.deps, { name: 'storm' });
  const auth = 'Basic ' + Buffer.from(`${other.project.project_id}:${other.secret}`).toString('base64');
  const post = (route, body) =>
    fetch(`${server.url}${route}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const iterations = 2_000_000; // PBKDF2_MAX_WORK.sha256, the cap
  const salt = crypto.randomBytes(16);
  const t0 = performance.now();
  const key = crypto.pbkdf2Sync('the right password', salt, iterations, 32, 'sha256');
  const jobMs = performance.now() - t0;
  const emails = [];
  for (let i = 0; i < users; i++) {
    const email = `storm-${i}@example.com`;
    const res = await post('/v1/passwords/migrate', {
      email,
      hash_type: 'pbkdf_2',
      hash: key.toString('base64'),
      pbkdf_2_config: { salt: salt.toString('base64'), iteration_amount: iterations, key_length: 32, algorithm: 'sha256' },
    });
    if (res.status !== 200) throw new Error(`storm: migrate answered ${res.status} ${await res.text()}`);
    emails.push(email);
  }

  let lastAuthenticate = 0;
  server.app.server.on('request', (req) => {
    if (req.url === '/v1/sessions/authenticate') lastAuthenticate = Date.now();
  });
  const counts = {};
  let sent = 0;
  for (let i = 0; i < loops; i++) {
    void (async () => {
      for (;;) {
        if (Date.now() - lastAuthenticate > idleMs) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        try {
          const res = await post('/v1/passwords/authenticate', { email: emails[sent++ % emails.length], password: 'a wrong guess' });
          await res.text();
          counts[res.status] = (counts[res.status] ?? 0) + 1;
        } catch (error) {
          counts[error.code ?? 'error'] = (counts[error.code ?? 'error'] ?? 0) + 1;
        }
      }
    })();
  }
  // One line per second while storming: what the storm's logins got (401 = verified and wrong, 429 = queue full).
  let printed = '';
  setInterval(() => {
    const line = JSON.stringify(counts);
    if (line !== printed) console.log(`storm logins by status: ${(printed = line)}; pool ${JSON.stringify(server.runtime.deps.passwordPool?.stats().completed ?? null)}`);
  }, 1000).unref();
  // After a window, up to `loops` logins are still running or queued: wait for them (with margin for a
  // busy machine) before the harness measures anything else.
  const settleMs = Math.ceil(loops * jobMs * 1.5 + Number(idleMs));
  console.log(`storm ready: ${loops} loops, ${users} users with PBKDF2-SHA256 at ${iterations} iterations (${Math.round(jobMs)} ms here) in ${other.project.project_id}; settle ${settleMs} ms`);
  return { loops, settleMs };
}
