/**
 * `tessera master-key export` / `import`: moving the master key to a new machine or into a secret store.
 * The file format is the one of `<dataDir>/master.key` and of `TESSERA_MASTER_KEY_FILE`: 64 hex characters
 * and a newline, so an exported file can be used as it is.
 *
 * Export writes only the key that opens the configured database (it opens it, which checks the key), and the
 * export enters the audit log. Import refuses a key that does not open the existing database, and never
 * replaces a different key already in place: either would lock every session and signing key out.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { describeMasterKeySource, keyCheckMatches } from '../crypto/master-key.js';
import { SnapshotError, inspectSnapshot } from '../db/sqlite/backup.js';
import { PRIVATE_FILE, ensurePrivateDir } from '../file-modes.js';
import { StartupRefusal, reportToStderr } from '../refusal.js';
import type { Runtime } from '../runtime.js';
import { recordCliWrite } from './audit-commands.js';
import { sqliteFileOf } from './backup-commands.js';
import { readStdin } from './stdin.js';

type WithRuntime = <T>(force: boolean | undefined, fn: (rt: Runtime) => Promise<T>) => Promise<T>;

const HEX_KEY = /^[0-9a-f]{64}$/i;

export function registerMasterKeyCommands(program: Command, config: () => Config, withRuntime: WithRuntime, force: readonly [string, string]): void {
  const mk = program
    .command('master-key')
    .description('the master key, kept outside the database: without it no session, signing key or one-time code in the database can be used');

  mk.command('export <file>')
    .description("write the key that opens the configured database to FILE (mode 0600, the format of master.key); '-' writes it to standard output")
    .option(...force)
    .action(async (file: string, opts: { force?: boolean }) => {
      const dest = file === '-' ? null : path.resolve(file);
      if (dest !== null && fs.existsSync(dest)) throw new Error(`${dest} exists; the export never overwrites a file`);
      await withRuntime(opts.force, async (rt) => {
        const line = `${Buffer.from(rt.deps.master).toString('hex')}\n`;
        recordCliWrite(rt, 'master_key.export', null, dest ?? 'stdout');
        if (dest === null) {
          process.stdout.write(line);
          return;
        }
        fs.writeFileSync(dest, line, { mode: PRIVATE_FILE, flag: 'wx' });
        reportToStderr(`wrote the master key to ${dest} (mode 0600); keep it apart from the database and its backups`);
      });
    });

  mk.command('import <file>')
    .description("install a key written by export as <dataDir>/master.key (mode 0600); '-' reads standard input. Refused if it does not open the existing database")
    .action(async (file: string) => {
      const cfg = config();
      if (cfg.masterKey.kind !== 'data-dir') {
        throw new Error(`the master key comes from ${describeMasterKeySource(cfg.masterKey)}, not from a file in the data directory; put the key there instead`);
      }
      const hex = (file === '-' ? await readStdin() : fs.readFileSync(path.resolve(file), 'utf8')).trim();
      if (!HEX_KEY.test(hex)) throw new Error('not a master key: expected 64 hex characters, as tessera master-key export writes them');
      const key = Uint8Array.from(Buffer.from(hex, 'hex'));

      const db = sqliteFileOf(cfg);
      let verified = false;
      if (db !== null && fs.existsSync(db) && fs.statSync(db).size > 0) {
        let check: string | null;
        try {
          check = inspectSnapshot(db).keyCheck;
        } catch (err) {
          throw new Error(err instanceof SnapshotError ? err.message : String(err));
        }
        if (check !== null && !keyCheckMatches(key, check)) {
          throw new StartupRefusal(`wrong master key: this key does not open the database ${db}; nothing was installed`);
        }
        verified = check !== null;
      }

      const keyFile = cfg.masterKey.path;
      if (fs.existsSync(keyFile)) {
        if (fs.readFileSync(keyFile, 'utf8').trim().toLowerCase() === hex.toLowerCase()) {
          console.log(JSON.stringify({ installed: keyFile, unchanged: true, verified }));
          return;
        }
        throw new Error(`${keyFile} holds another key; move it (and the database it opens) aside first, the import never replaces a key`);
      }
      ensurePrivateDir(path.dirname(keyFile));
      fs.writeFileSync(keyFile, `${hex.toLowerCase()}\n`, { mode: PRIVATE_FILE, flag: 'wx' });
      console.log(JSON.stringify({ installed: keyFile, unchanged: false, verified }));
    });
}
