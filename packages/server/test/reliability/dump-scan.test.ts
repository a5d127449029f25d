/**
 * A database dump holds nothing usable (issue #17's reliability suite). Unlike security/what-held.test.ts,
 * which greps the raw file bytes, this reads the database as a dump tool would: every column of every row
 * of every table, decoded by SQLite, of the live file and of a `VACUUM INTO` copy (what a backup is), and
 * looks there for every secret a full scenario issued: session tokens and JWTs (consumer and B2B),
 * project secrets, magic-link tokens (embeddable, emailed, B2B, pending and used), OTP codes, reset
 * tokens, intermediate session tokens, and the signing keys' private halves (current and rotated out).
 */
import { keyRingOf } from '../../src/domain/projects/key-ring-of.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as stytch from 'stytch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { officialClient, STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';
import { b2bClient, createOrg, memberWithPassword } from '../b2b/helpers.js';
import { latestMail, linkToken, REDIRECT } from '../b2b-passwordless/helpers.js';
import { sqliteFileOf } from './db-digest.js';

let srv: TestServer;
/** Every secret the scenario was handed, by what it is. */
const secrets = new Map<string, string>();
/** OTP codes: 6 digits can occur by chance in ids and timestamps, so they are looked for as codes (below). */
const codes = new Map<string, string>();
const privateKeys = new Map<string, Buffer>();
let controlEmail = '';

async function privateKeyDer(label: string): Promise<void> {
  const ring = await keyRingOf(srv.server.runtime.deps, srv.project.project_id);
  privateKeys.set(label, ring.signer!.key.export({ format: 'der', type: 'pkcs8' }));
}

beforeAll(async () => {
  srv = await startServer();
  const client: stytch.Client = officialClient(srv);
  secrets.set('project secret', srv.project.secret);
  const other = await srv.createProject();
  secrets.set('second project secret', other.secret);

  // Consumer: a password user with a session and its JWT.
  controlEmail = uniqueEmail('dump');
  const created = await client.passwords.create({ email: controlEmail, password: STRONG_PASSWORD, session_duration_minutes: 60 });
  secrets.set('password', STRONG_PASSWORD);
  secrets.set('session token', created.session_token);
  secrets.set('session JWT', created.session_jwt);
  const authed = await client.sessions.authenticate({ session_token: created.session_token });
  secrets.set('session JWT (after authenticate)', authed.session_jwt);

  // Embeddable magic links: one used for a session, one left pending.
  const used = await client.magicLinks.create({ user_id: created.user_id });
  secrets.set('embeddable magic link (used)', used.token);
  const viaLink = await client.magicLinks.authenticate({ token: used.token, session_duration_minutes: 60 });
  secrets.set('session token (magic link)', viaLink.session_token);
  secrets.set('session JWT (magic link)', viaLink.session_jwt);
  const pending = await client.magicLinks.create({ user_id: created.user_id });
  secrets.set('embeddable magic link (pending)', pending.token);

  // Emailed magic link (pending), email OTP (one used, one pending), reset-by-email token (pending).
  const mlEmail = uniqueEmail('dump-ml');
  await client.magicLinks.email.loginOrCreate({ email: mlEmail, login_magic_link_url: REDIRECT, signup_magic_link_url: REDIRECT });
  secrets.set('emailed magic link', linkToken((await latestMail(srv, mlEmail)).link).token);
  const otpEmail = uniqueEmail('dump-otp');
  const otp = await client.otps.email.loginOrCreate({ email: otpEmail });
  const usedCode = (await latestMail(srv, otpEmail)).code!;
  codes.set('email OTP (used)', usedCode);
  const viaOtp = await client.otps.authenticate({ method_id: otp.email_id, code: usedCode, session_duration_minutes: 60 });
  secrets.set('session token (OTP)', viaOtp.session_token);
  await client.otps.email.loginOrCreate({ email: otpEmail });
  codes.set('email OTP (pending)', (await latestMail(srv, otpEmail)).code!);
  await client.passwords.email.resetStart({ email: controlEmail, reset_password_redirect_url: REDIRECT, login_redirect_url: REDIRECT });
  secrets.set('password reset token', linkToken((await latestMail(srv, controlEmail)).link).token);

  // B2B: a member with a password and a session; a magic link (-> intermediate session), an OTP code, a reset token.
  const b2b = b2bClient(srv);
  const org = await createOrg(b2b, { mfa_policy: 'REQUIRED_FOR_ALL' });
  const member = await memberWithPassword(b2b, org.organization_id);
  const org2 = await createOrg(b2b);
  const member2 = await memberWithPassword(b2b, org2.organization_id);
  const login = await b2b.passwords.authenticate({ organization_id: org2.organization_id, email_address: member2.email_address, password: STRONG_PASSWORD, session_duration_minutes: 60 });
  secrets.set('member session token', login.session_token);
  secrets.set('member session JWT', login.session_jwt);
  await b2b.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT });
  const b2bLink = linkToken((await latestMail(srv, member.email_address)).link).token;
  secrets.set('B2B magic link', b2bLink);
  secrets.set('intermediate session token', (await b2b.magicLinks.authenticate({ magic_links_token: b2bLink })).intermediate_session_token);
  await b2b.otps.email.loginOrSignup({ organization_id: org2.organization_id, email_address: member2.email_address });
  codes.set('B2B email OTP (pending)', (await latestMail(srv, member2.email_address)).code!);
  await b2b.passwords.email.resetStart({ organization_id: org2.organization_id, email_address: member2.email_address, reset_password_redirect_url: REDIRECT });
  secrets.set('B2B password reset token', linkToken((await latestMail(srv, member2.email_address)).link).token);

  // The signing key, then a rotation: the old key stays in the ring (to verify), the new one signs.
  await privateKeyDer('signing key (rotated out)');
  await srv.rotateKeys({ immediate: true });
  await privateKeyDer('signing key (current)');
  const afterRotation = await client.sessions.authenticate({ session_token: created.session_token });
  secrets.set('session JWT (new key)', afterRotation.session_jwt);
  await new Promise((r) => setTimeout(r, 600)); // the write-behind access times land
}, 120_000);
afterAll(() => srv?.close());

interface Cell {
  where: string;
  text: string;
  bytes: Buffer | null;
}

/** Every cell of every table, as text (and as bytes for blobs). */
function cellsOf(file: string): Cell[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const out: Cell[] = [];
    const tables = db.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all();
    for (const { name } of tables) {
      const stmt = db.prepare(`select * from "${name}"`);
      const columns = stmt.columns().map((c) => c.name);
      for (const row of stmt.raw(true).all() as unknown[][]) {
        row.forEach((v, i) => {
          if (v === null || v === undefined) return;
          const bytes = Buffer.isBuffer(v) ? v : null;
          out.push({ where: `${name}.${columns[i]}`, text: bytes ? bytes.toString('latin1') : String(v), bytes });
        });
      }
    }
    return out;
  } finally {
    db.close();
  }
}

function scan(cells: Cell[]): string[] {
  const found: string[] = [];
  const needles: [string, string][] = [];
  for (const [what, value] of secrets) {
    needles.push([what, value]);
    if (value.length >= 44 && value.endsWith('=')) needles.push([`${what} (unpadded)`, value.replace(/=+$/, '')]);
    if (what.includes('JWT')) needles.push([`${what} signature`, value.split('.')[2]!]);
  }
  for (const [what, der] of privateKeys) {
    // a window of the key material past the fixed PKCS#8 header, raw and encoded
    needles.push([`${what} (base64)`, der.toString('base64').slice(100, 160)], [`${what} (base64url)`, der.toString('base64url').slice(100, 160)], [`${what} (hex)`, der.subarray(64, 96).toString('hex')]);
  }
  for (const c of cells) {
    for (const [what, needle] of needles) if (c.text.includes(needle)) found.push(`${what} in ${c.where}`);
    for (const [what, der] of privateKeys) if (c.bytes?.includes(der.subarray(64, 96))) found.push(`${what} (DER) in ${c.where}`);
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(c.text)) found.push(`a PEM private key in ${c.where}`);
    if (/"kty"/.test(c.text) && /"d"\s*:\s*"[A-Za-z0-9_-]{40,}"/.test(c.text)) found.push(`a private JWK in ${c.where}`);
    for (const [what, code] of codes) {
      // A code as a whole value, or next to a name that says code/otp in JSON, a query string or key=value.
      if (c.text === code) found.push(`${what} as the value of ${c.where}`);
      if (new RegExp(`(code|otp)[a-z_]*"?\\s*[:=]\\s*"?${code}(?!\\d)`, 'i').test(c.text)) found.push(`${what} labelled in ${c.where}`);
      if (/(^|[._])(code|otp)/i.test(c.where.split('.')[1]!) && c.text.includes(code)) found.push(`${what} in a code column ${c.where}`);
    }
  }
  return found;
}

it('every column of every table, of the live file and of a VACUUM INTO copy, holds no issued secret or private key', async () => {
  const file = sqliteFileOf(srv.dir);
  const copy = path.join(srv.dir, 'dump-copy.db');
  const live = new Database(file, { fileMustExist: true });
  live.prepare('vacuum into ?').run(copy);
  live.close();

  for (const [label, f] of [['live file', file], ['VACUUM INTO copy', copy]] as const) {
    const cells = cellsOf(f);
    // Control: what is not secret is found, so the scan is able to find things.
    expect(cells.some((c) => c.text.includes(controlEmail)), `${label}: control value`).toBe(true);
    expect(cells.some((c) => c.text.includes(srv.project.project_id)), `${label}: control value`).toBe(true);
    expect(scan(cells), label).toEqual([]);
  }
  // And the copy's raw bytes (a VACUUMed file has no free pages or WAL: what is in it is in its rows).
  const raw = fs.readFileSync(copy).toString('latin1');
  for (const [what, value] of secrets) expect(raw.includes(value), `${what} in the copy's bytes`).toBe(false);
  for (const [what, der] of privateKeys) expect(fs.readFileSync(copy).includes(der.subarray(64, 96)), `${what} in the copy's bytes`).toBe(false);
  console.log(`dump scan: ${secrets.size} secrets, ${codes.size} OTP codes, ${privateKeys.size} private keys looked for in every column of every table (live file and VACUUM INTO copy)`);
});
