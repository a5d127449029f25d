/**
 * The master key: 32 bytes kept outside the database (`TESSERA_MASTER_KEY`, a file named by
 * `TESSERA_MASTER_KEY_FILE`, or `<dataDir>/master.key`, mode 0600, created on the first start over an empty
 * database). Every other secret key is derived from it with HKDF, so a database dump alone yields no usable
 * session token and no signing key. Losing it logs every session out.
 *
 * The database keeps a key check value (an HMAC under a key derived from the master key, which tells nothing
 * about a 32-byte random key), so a wrong or missing key is refused at start instead of answering 500s.
 *
 * @module
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MasterKeySource } from '../config.js';
import { PRIVATE_FILE, ensurePrivateDir, modeString, openToOthers } from '../file-modes.js';
import { StartupRefusal, type Report } from '../refusal.js';

export type MasterKey = Uint8Array;

/** Where the key came from, as the operator configured it (for messages). */
export function describeMasterKeySource(source: MasterKeySource): string {
  if (source.kind === 'env') return 'TESSERA_MASTER_KEY';
  if (source.kind === 'file') return `TESSERA_MASTER_KEY_FILE (${source.path})`;
  return source.path;
}

/**
 * Reads the configured key and creates nothing: null when `<dataDir>/master.key` does not exist (the caller
 * decides, after looking at the database, whether a new key may be made). A key file that group or others
 * can access is refused, unless `force`, which turns the refusal into a warning.
 */
export function readMasterKey(source: MasterKeySource, opts: { force: boolean; report: Report }): MasterKey | null {
  if (source.kind === 'env') return source.key;
  const file = source.path;
  const what = describeMasterKeySource(source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StartupRefusal(`cannot read the master key ${what}: ${(err as Error).message}`);
    if (source.kind === 'data-dir') return null;
    throw new StartupRefusal(`the master key file ${file} named by TESSERA_MASTER_KEY_FILE does not exist (Tessera never creates it); mount or restore it`);
  }
  // A systemd credential is readable by the service's user alone, whatever its mode bits show (see MasterKeySource).
  if (openToOthers(stat.mode) && !(source.kind === 'file' && source.systemdCredential)) {
    const problem = `the master key file ${file} is open to group or others (mode ${modeString(stat.mode)})`;
    if (!opts.force) throw new StartupRefusal(`${problem}; run: chmod 600 ${file} (or pass --force to accept it)`);
    opts.report(`warning: ${problem}; accepted because of --force`);
  }
  let hex: string;
  try {
    hex = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new StartupRefusal(`cannot read the master key ${what}: ${(err as Error).message}`);
  }
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new StartupRefusal(`the master key ${what} is not 64 hex characters; restore the original file`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * Creates `<dataDir>/master.key` (0600, its directory 0700). Only for an empty database: a new key over
 * existing data would make every session and signing key unreadable. Returns the key in the file, which is
 * another process's when it created the file a moment earlier.
 */
export function createMasterKeyFile(file: string): { key: MasterKey; created: boolean } {
  ensurePrivateDir(path.dirname(file));
  const key = crypto.randomBytes(32);
  // wx: never overwrite a key another process created a moment ago.
  try {
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: PRIVATE_FILE, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new StartupRefusal(`the master key ${file} is not 64 hex characters; restore the original file`);
    return { key: Uint8Array.from(Buffer.from(hex, 'hex')), created: false };
  }
  return { key: Uint8Array.from(key), created: true };
}

/** Name of the key check value in `server_meta`. */
export const KEY_CHECK_NAME = 'master_key_check';

/** `v1.` + base64url HMAC-SHA256 of a fixed label under a key derived for this purpose alone. */
export function keyCheckValue(master: MasterKey): string {
  const mac = crypto.createHmac('sha256', deriveKey(master, 'tessera/key-check/v1')).update('tessera master key check value').digest();
  return `v1.${mac.toString('base64url')}`;
}

export function keyCheckMatches(master: MasterKey, stored: string): boolean {
  const mine = Buffer.from(keyCheckValue(master));
  const theirs = Buffer.from(stored);
  return mine.length === theirs.length && crypto.timingSafeEqual(mine, theirs);
}

/** HKDF-SHA256 sub-key for one purpose; `info` names the purpose and, where relevant, the project. */
export function deriveKey(master: MasterKey, info: string, length = 32): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, new Uint8Array(0), info, length));
}

const AAD_PREFIX = 'tessera/signing-key/v1/';

/** AES-256-GCM under a per-project key; output is base64url(iv ‖ ciphertext ‖ tag). */
export function sealPrivateKey(master: MasterKey, projectId: string, pkcs8Der: Uint8Array): string {
  const key = deriveKey(master, AAD_PREFIX + projectId);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(AAD_PREFIX + projectId));
  const ct = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
  return Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url');
}

export function openPrivateKey(master: MasterKey, projectId: string, sealed: string): crypto.KeyObject {
  const buf = Buffer.from(sealed, 'base64url');
  const key = deriveKey(master, AAD_PREFIX + projectId);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAAD(Buffer.from(AAD_PREFIX + projectId));
  decipher.setAuthTag(buf.subarray(buf.length - 16));
  const der = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
