// proto.mjs: the minimal baseline of POST /v1/sessions/authenticate {session_token}: node:http + better-sqlite3 + jose.
// Adapted from the team's reference script `tessera-proto.mjs` (the naive prototype measured in the performance baseline study, section 5).
// Per request: parse body -> sha256(token) -> SELECT sessions JOIN users -> UPDATE last_accessed_at -> build a Stytch-shaped
// session/user -> mint a session JWT (Stytch claim layout, RS256, jose SignJWT: signs on the libuv threadpool) -> ~1.9 KB JSON.
// No Basic auth, no validation, no logging: it is the floor of what this stack does for the same work.
//
// Follows the harness target contract (bench/README.md). Env: PORT, INFO, BENCH_TMPDIR (from the harness);
//   ALG=RS256|ES256|EdDSA (RS256), SIGNER=jose|node|node-async (jose), MODE=full|nosign (full), CACHE=0|1 (0; 1 = reuse a JWT
//   minted < 30 s ago), SYNC=NORMAL|FULL (NORMAL), SEED=10000 sessions, DB=<file> (BENCH_TMPDIR/proto.db).
import http from 'node:http';
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as jose from 'jose';
import { writeInfo, benchPort, exitOnSignals } from './contract.mjs';

const E = process.env;
const PORT = benchPort(), ALG = E.ALG ?? 'RS256', SIGNER = E.SIGNER ?? 'jose', CACHE = E.CACHE === '1', MODE = E.MODE ?? 'full';
const SEED = +(E.SEED ?? 10000), DBF = E.DB ?? path.join(E.BENCH_TMPDIR ?? os.tmpdir(), `proto-${process.pid}.db`);
const PROJECT = 'project-test-00000000-0000-0000-0000-000000000000';

// ---- keys ----
const kp = ALG === 'RS256' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  : ALG === 'ES256' ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }) : crypto.generateKeyPairSync('ed25519');
const KID = 'jwk-test-' + ALG;
const josePriv = await jose.importPKCS8(kp.privateKey.export({ type: 'pkcs8', format: 'pem' }), ALG);
const JWKS = { keys: [{ ...kp.publicKey.export({ format: 'jwk' }), kid: KID, alg: ALG, use: 'sig' }] };

// ---- db: WAL + synchronous=NORMAL, SEED sessions ----
for (const f of [DBF, DBF + '-wal', DBF + '-shm']) fs.rmSync(f, { force: true });
const db = new Database(DBF);
db.pragma('journal_mode = WAL'); db.pragma('synchronous = ' + (E.SYNC ?? 'NORMAL'));
db.exec(`CREATE TABLE users (user_id TEXT PRIMARY KEY, email TEXT, email_id TEXT, first_name TEXT, last_name TEXT, created_at TEXT, status TEXT) WITHOUT ROWID;
CREATE TABLE sessions (session_id TEXT PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users,
  started_at INTEGER NOT NULL, last_accessed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, factors TEXT NOT NULL) WITHOUT ROWID;`);
const tokens = [];
db.transaction(() => {
  const iu = db.prepare('INSERT INTO users VALUES (?,?,?,?,?,?,?)'), is = db.prepare('INSERT INTO sessions VALUES (?,?,?,?,?,?,?)');
  for (let i = 0; i < SEED; i++) {
    const uid = 'user-test-' + crypto.randomUUID(), tok = crypto.randomBytes(33).toString('base64url'); // 44 chars, like Tessera's tokens
    tokens.push(tok);
    iu.run(uid, `user${i}@example.com`, 'email-test-' + crypto.randomUUID(), 'Ada', 'Lovelace', new Date().toISOString(), 'active');
    is.run('session-test-' + crypto.randomUUID(), crypto.createHash('sha256').update(tok).digest(), uid, Date.now(), Date.now(), Date.now() + 7 * 864e5,
      JSON.stringify([{ type: 'magic_link', delivery_method: 'email', last_authenticated_at: new Date().toISOString(), email_factor: { email_id: 'email-test-1', email_address: `user${i}@example.com` } }]));
  }
})();
const sel = db.prepare('SELECT s.*, u.email, u.email_id, u.first_name, u.last_name, u.created_at, u.status FROM sessions s JOIN users u USING (user_id) WHERE s.token_hash = ?');
const upd = db.prepare('UPDATE sessions SET last_accessed_at = ? WHERE session_id = ?');

// ---- JWT ----
const b64u = (s) => Buffer.from(s).toString('base64url');
const HDR = b64u(JSON.stringify({ alg: ALG, kid: KID, typ: 'JWT' }));
const nodeKey = ALG === 'ES256' ? { key: kp.privateKey, dsaEncoding: 'ieee-p1363' } : kp.privateKey;
const nodeAlg = ALG === 'EdDSA' ? null : 'sha256';
function signNode(claims) {
  const input = HDR + '.' + b64u(JSON.stringify(claims));
  return input + '.' + crypto.sign(nodeAlg, Buffer.from(input), nodeKey).toString('base64url');
}
function signNodeAsync(claims) {
  const input = HDR + '.' + b64u(JSON.stringify(claims));
  return new Promise((res, rej) => crypto.sign(nodeAlg, Buffer.from(input), nodeKey, (e, s) => (e ? rej(e) : res(input + '.' + s.toString('base64url')))));
}
const signJose = (claims) => new jose.SignJWT(claims).setProtectedHeader({ alg: ALG, kid: KID, typ: 'JWT' }).sign(josePriv);
const sign = SIGNER === 'node' ? signNode : SIGNER === 'node-async' ? signNodeAsync : signJose;
const jwtCache = new Map(); // session_id -> { jwt, at }
const stats = { req: 0, ok: 0, signed: 0, cacheHits: 0, notFound: 0, badRequest: 0 };

async function authenticate(body) {
  stats.req++;
  const token = body?.session_token;
  if (typeof token !== 'string') { stats.badRequest++; return [400, { status_code: 400, error_type: 'invalid_argument' }]; }
  const row = sel.get(crypto.createHash('sha256').update(token).digest());
  const now = Date.now();
  if (!row || row.expires_at <= now) { stats.notFound++; return [404, { status_code: 404, error_type: 'session_not_found' }]; }
  upd.run(now, row.session_id);
  const factors = JSON.parse(row.factors);
  const session = { session_id: row.session_id, user_id: row.user_id, started_at: new Date(row.started_at).toISOString(),
    last_accessed_at: new Date(now).toISOString(), expires_at: new Date(row.expires_at).toISOString(),
    attributes: { ip_address: '', user_agent: '' }, authentication_factors: factors, custom_claims: {} };
  let jwt = '';
  if (MODE !== 'nosign') {
    const c = CACHE && jwtCache.get(row.session_id);
    if (c && now - c.at < 30000) { jwt = c.jwt; stats.cacheHits++; } else {
      const iat = Math.floor(now / 1000);
      jwt = await sign({ aud: [PROJECT], exp: iat + 300, iat, iss: `stytch.com/${PROJECT}`, nbf: iat, sub: row.user_id,
        'https://stytch.com/session': { id: row.session_id, started_at: session.started_at, last_accessed_at: session.last_accessed_at,
          expires_at: session.expires_at, attributes: session.attributes, authentication_factors: factors } });
      stats.signed++;
      if (CACHE) jwtCache.set(row.session_id, { jwt, at: now });
    }
  }
  const user = { user_id: row.user_id, emails: [{ email_id: row.email_id, email: row.email, verified: true }], name: { first_name: row.first_name, middle_name: '', last_name: row.last_name },
    status: row.status, created_at: row.created_at, phone_numbers: [], webauthn_registrations: [], providers: [], totps: [], crypto_wallets: [], trusted_metadata: {}, untrusted_metadata: {} };
  stats.ok++;
  return [200, { status_code: 200, request_id: 'request-id-test-' + crypto.randomUUID(), session, session_token: token, session_jwt: jwt, user }];
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') return res.end(JSON.stringify(stats));
  if (req.method === 'GET' && req.url === `/v1/sessions/jwks/${PROJECT}`) return res.end(JSON.stringify(JWKS));
  let b = ''; req.setEncoding('utf8');
  req.on('data', (c) => (b += c));
  req.on('end', async () => {
    let body; try { body = JSON.parse(b); } catch { body = null; }
    const [code, out] = await authenticate(body);
    const s = JSON.stringify(out);
    res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) }).end(s);
  });
});
server.listen(PORT, '127.0.0.1', () => {
  writeInfo({
    method: 'POST', path: '/v1/sessions/authenticate', headers: { 'content-type': 'application/json' },
    variants: tokens.map((t) => ({ body: JSON.stringify({ session_token: t }) })),
    check: { bodyIncludes: MODE === 'nosign' ? '"session_id"' : '"session_jwt":"ey' },
    stats: '/stats',
  });
  console.log('listening', PORT, { ALG, SIGNER, CACHE, MODE, SEED });
});
exitOnSignals(() => { try { db.close(); } catch { /* closing */ } });
