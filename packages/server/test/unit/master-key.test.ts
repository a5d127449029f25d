/**
 * The master key against the database, in-process: `openRuntime` over real SQLite files in temp dirs.
 * (The CLI's one-line refusals and exit codes are in `test/cli/master-key.test.ts`.)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, loadConfig, openRuntime, StartupRefusal } from '../../src/index.js';
import { keyCheckValue } from '../../src/crypto/master-key.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-mk-'));
  dirs.push(d);
  return d;
};
const hexKey = () => crypto.randomBytes(32).toString('hex');

/** Opens the runtime, optionally creates a project (with its signing key), closes; returns what it reported. */
async function open(dir: string, env: Record<string, string> = {}, opts: { project?: boolean; force?: boolean } = {}) {
  const lines: string[] = [];
  const rt = await openRuntime(loadConfig({ TESSERA_DATA_DIR: dir, ...env }), undefined, { force: opts.force ?? false, report: (l) => lines.push(l) });
  try {
    if (opts.project) await createProject(rt.deps);
    return { created: rt.masterKeyCreated, lines };
  } finally {
    await rt.close();
  }
}

const refusal = (p: Promise<unknown>) => p.then(() => expect.unreachable('opened'), (e: unknown) => (expect(e).toBeInstanceOf(StartupRefusal), (e as Error).message));

function meta(dir: string): Record<string, string> {
  const db = new Database(path.join(dir, 'tessera.db'), { readonly: true });
  try {
    return Object.fromEntries((db.prepare('select name, value from server_meta').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
  } finally {
    db.close();
  }
}

describe('master key check value', () => {
  it('is recorded on the first start: an HMAC under a derived key, neither the key nor stable across keys', async () => {
    const dir = tmp();
    const key = hexKey();
    await open(dir, { TESSERA_MASTER_KEY: key }, { project: true });
    const kcv = meta(dir).master_key_check!;
    expect(kcv).toBe(keyCheckValue(Buffer.from(key, 'hex')));
    expect(kcv).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    expect(kcv).not.toContain(key);
    expect(kcv).not.toContain(Buffer.from(key, 'hex').toString('base64url'));
    expect(keyCheckValue(crypto.randomBytes(32))).not.toBe(kcv);
    // the same key opens again; another one is refused, naming where it came from
    await open(dir, { TESSERA_MASTER_KEY: key });
    expect(await refusal(open(dir, { TESSERA_MASTER_KEY: hexKey() }))).toMatch(/^wrong master key: the key from TESSERA_MASTER_KEY is not the one the database .*tessera\.db was set up with/);
  });

  it('a database of an earlier version (no check value) gets one once a stored signing key opens with the key', async () => {
    const dir = tmp();
    const { created } = await open(dir, {}, { project: true });
    expect(created).toBe(true);
    const kcv = meta(dir).master_key_check;
    // what an earlier version left: data, no check value
    const db = new Database(path.join(dir, 'tessera.db'));
    db.prepare('delete from server_meta').run();
    db.close();
    expect(meta(dir)).toEqual({});

    // a wrong key does not open the signing key: refused, and no check value is recorded for it
    expect(await refusal(open(dir, { TESSERA_MASTER_KEY: hexKey() }))).toMatch(/^wrong master key: the key from TESSERA_MASTER_KEY /);
    expect(meta(dir)).toEqual({});

    // the right key (master.key) opens it: the check value is recorded, the same as before
    expect((await open(dir)).created).toBe(false);
    expect(meta(dir).master_key_check).toBe(kcv);
  });

  it('never creates a key over a database with data; an empty one gets a key (0600) and a check value', async () => {
    const dir = tmp();
    expect((await open(dir)).created).toBe(true);
    expect(fs.statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(meta(dir).master_key_check).toBeDefined();
    fs.rmSync(path.join(dir, 'master.key'));
    // a check value alone (no project yet) already means a key was chosen for this database
    expect(await refusal(open(dir))).toMatch(/^master key missing: .*master\.key does not exist and the database .* already holds data/);
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
  });
});

describe('TESSERA_MASTER_KEY_FILE', () => {
  it('is read, never created; it must not be open to group or others unless forced', async () => {
    const dir = tmp();
    const keyFile = path.join(tmp(), 'master-key');
    expect(await refusal(open(dir, { TESSERA_MASTER_KEY_FILE: keyFile }))).toMatch(/master key file .*master-key named by TESSERA_MASTER_KEY_FILE does not exist/);
    expect(fs.existsSync(keyFile)).toBe(false);

    const key = hexKey();
    fs.writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    expect(await open(dir, { TESSERA_MASTER_KEY_FILE: keyFile }, { project: true })).toEqual({ created: false, lines: [] });
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
    // the same key given directly matches
    await open(dir, { TESSERA_MASTER_KEY: key });

    fs.chmodSync(keyFile, 0o640);
    expect(await refusal(open(dir, { TESSERA_MASTER_KEY_FILE: keyFile }))).toMatch(/master key file .*master-key is open to group or others \(mode 0640\); run: chmod 600 .* \(or pass --force/);
    const forced = await open(dir, { TESSERA_MASTER_KEY_FILE: keyFile }, { force: true });
    expect(forced.lines).toEqual([expect.stringMatching(/^warning: the master key file .*master-key is open to group or others \(mode 0640\); accepted because of --force$/)]);

    // a systemd credential shows group-read (its ACL mask) but is the service user's alone: no refusal
    const credentials = path.dirname(keyFile);
    expect(await open(dir, { CREDENTIALS_DIRECTORY: credentials, TESSERA_MASTER_KEY_FILE: keyFile })).toEqual({ created: false, lines: [] });

    // --force is about modes only: it never lets a wrong key in
    fs.writeFileSync(keyFile, `${hexKey()}\n`);
    expect(await refusal(open(dir, { TESSERA_MASTER_KEY_FILE: keyFile }, { force: true }))).toMatch(/^wrong master key: the key from TESSERA_MASTER_KEY_FILE \(.*master-key\) /);
  });
});
