// bulk-seed.mjs: puts COUNT consumer users, each with one live session, straight into a Tessera SQLite file in
// one transaction (the `tessera-1m` row: 1,000,000 sessions; seeding them one by one through the domain would
// take the better part of an hour here).
//
// Method: the target first makes ONE user and session through the server's domain functions (createUser,
// startSession), the template. This script copies the template's rows (`users`, `user_emails`, `sessions`,
// every column as the server wrote it) COUNT times, with fresh ids (`user-test-<uuid>`, ...), a unique email,
// and for the session a fresh random salt and the token hash the server would store: the session token is
// derived with the server's own code (packages/server/dist/crypto/session-token.js:
// base64url(HMAC-SHA512(HKDF(master, "tessera/session-token/v1/<project>"), session_id ‖ 0 ‖ salt))[:33 bytes]),
// and the row keeps sha256(token). Before writing anything it re-derives the template's token and checks its
// hash against the template row, and that no other table holds rows for the template user (a table the copy
// would miss). The target then authenticates sample tokens over HTTP before it reports ready.
//
// It runs as a child process of the target (`bulkSeed()` below spawns it), so the memory it uses for a million
// ids is not counted in the server's RSS. The server has the file open (WAL) and is idle meanwhile. A sample
// of SAMPLE tokens, evenly spaced over the whole set, is written to `out` (0600, in BENCH_TMPDIR) for the
// variants. The WAL is checkpointed and truncated at the end, so the file sizes measured later are the data's.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SELF), '..', '..');
const SESSION_TOKEN_JS = path.join(REPO, 'packages/server/dist/crypto/session-token.js');

/**
 * Called by the target: run the seeder in a child process and wait for it.
 * job = { db, masterKeyFile, projectId, templateUserId, templateSessionId, count, sample, out }.
 * Returns { tokens: [sample tokens], stats }.
 */
export async function bulkSeed(job) {
  const jobFile = path.join(path.dirname(job.out), `bulk-seed-job-${process.pid}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job), { mode: 0o600 });
  const child = spawn(process.execPath, [SELF, jobFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise((resolve) => child.once('exit', (c, sig) => resolve(c ?? sig)));
  fs.rmSync(jobFile, { force: true });
  if (code !== 0) throw new Error(`bulk seeder exited with ${code}`);
  const res = JSON.parse(fs.readFileSync(job.out, 'utf8'));
  fs.rmSync(job.out, { force: true });
  return res;
}

async function main(jobFile) {
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
  const { default: Database } = await import('better-sqlite3');
  const { sessionTokenKey, deriveSessionToken, sha256 } = await import(pathToFileURL(SESSION_TOKEN_JS).href);
  const master = Uint8Array.from(Buffer.from(fs.readFileSync(job.masterKeyFile, 'utf8').trim(), 'hex'));
  const tokenKey = sessionTokenKey(master, job.projectId);

  const db = new Database(job.db);
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = OFF');       // a seed, not a durability test: one fsync-free transaction
  db.pragma('cache_size = -1000000');   // ~1 GB of page cache for this connection only (random-key index inserts)
  db.pragma('foreign_keys = ON');

  // ---- the template and its guards ----
  const one = (sql, ...p) => db.prepare(sql).get(...p);
  const user = one('SELECT * FROM users WHERE user_id = ?', job.templateUserId);
  const emails = db.prepare('SELECT * FROM user_emails WHERE user_id = ?').all(job.templateUserId);
  const session = one('SELECT * FROM sessions WHERE session_id = ?', job.templateSessionId);
  if (!user || !session || emails.length !== 1) throw new Error('template user, email or session not found');
  if (sha256(deriveSessionToken(tokenKey, session.session_id, session.token_salt)) !== session.token_hash) {
    throw new Error('the derived token of the template session does not match its stored hash: derivation or master key differs from the server\'s');
  }
  const copied = new Set(['users', 'user_emails', 'sessions']);
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
    if (copied.has(name) || !db.prepare(`PRAGMA table_info("${name}")`).all().some((c) => c.name === 'user_id')) continue;
    const n = one(`SELECT count(*) AS n FROM "${name}" WHERE user_id = ?`, job.templateUserId).n;
    if (n) throw new Error(`table ${name} holds ${n} row(s) for the template user; the bulk seeder does not copy it`);
  }

  // ---- one INSERT per table, every column of the template row; only ids, email and token columns change ----
  const inserter = (table, row) => {
    const cols = Object.keys(row);
    const stmt = db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    const values = { ...row };
    return (over) => stmt.run(Object.assign(values, over));
  };
  const prefix = (id) => id.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '');
  const [userPfx, emailPfx, sessionPfx] = [prefix(user.user_id), prefix(emails[0].email_id), prefix(session.session_id)];
  const addUser = inserter('users', user), addEmail = inserter('user_emails', emails[0]), addSession = inserter('sessions', session);

  const count = job.count, step = Math.max(1, Math.floor(count / job.sample));
  const tokens = [];
  const t0 = performance.now();
  let last = t0;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const user_id = userPfx + crypto.randomUUID();
      const session_id = sessionPfx + crypto.randomUUID();
      const token_salt = crypto.randomBytes(16).toString('base64url'); // as newTokenSalt()
      const token = deriveSessionToken(tokenKey, session_id, token_salt);
      addUser({ user_id });
      addEmail({ email_id: emailPfx + crypto.randomUUID(), user_id, email: `bulk-${i}@example.com` });
      addSession({ session_id, user_id, token_hash: sha256(token), token_salt });
      if (i % step === 0 && tokens.length < job.sample) tokens.push(token);
      if (performance.now() - last > 10_000) { last = performance.now(); console.log(`bulk seed: ${i.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} (${Math.round((last - t0) / 1000)} s)`); }
    }
  })();
  const insertSecs = (performance.now() - t0) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = (performance.now() - t0) / 1000;
  const sessions = one('SELECT count(*) AS n FROM sessions').n;
  db.close();
  const size = (f) => { try { return fs.statSync(f).size; } catch { return 0; } };
  const stats = { count, sessions, insertSeconds: insertSecs, seconds, dbBytes: size(job.db), walBytes: size(`${job.db}-wal`) };
  fs.writeFileSync(job.out, JSON.stringify({ tokens, stats }), { mode: 0o600 });
  console.log(`bulk seed: ${count.toLocaleString('en-US')} users and sessions in ${insertSecs.toFixed(1)} s (+ checkpoint: ${seconds.toFixed(1)} s), ${sessions.toLocaleString('en-US')} sessions in the table, file ${(stats.dbBytes / 2 ** 20).toFixed(0)} MB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  main(process.argv[2]).catch((e) => { console.error(`bulk seed FAILED: ${e.stack ?? e}`); process.exit(1); });
}
