/**
 * The master key: 32 bytes kept outside the database (`TESSERA_MASTER_KEY`, or `<dataDir>/master.key`,
 * mode 0600, created on first start). Every other secret key is derived from it with HKDF, so a database
 * dump alone yields no usable session token and no signing key. Losing it logs every session out.
 *
 * @module
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type MasterKey = Uint8Array;

/** Returns the configured key, or reads/creates `<dataDir>/master.key`. */
export function loadMasterKey(configured: Uint8Array | undefined, dataDir: string): { key: MasterKey; created: boolean } {
  if (configured) return { key: configured, created: false };
  const file = path.join(dataDir, 'master.key');
  try {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} is not 64 hex characters; restore it or remove it (logs everyone out)`);
    return { key: Uint8Array.from(Buffer.from(hex, 'hex')), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  // wx: never overwrite a key another process created a moment ago.
  try {
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(undefined, dataDir);
    throw err;
  }
  return { key: Uint8Array.from(key), created: true };
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
