/**
 * `tessera backup FILE` and `tessera restore FILE`: an online copy of the SQLite database and its way back
 * (`db/sqlite/backup.ts` does the copying). Over PostgreSQL both say how to use `pg_dump` / `pg_restore`,
 * which already do this well.
 *
 * Neither file nor command holds the master key: a backup is hashes and sealed keys, useless without it
 * (`tessera master-key export`). A restore checks the backup against the configured key before it changes
 * anything, so it never leaves a database that the server would refuse to start on.
 *
 * @module
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { describeMasterKeySource, keyCheckMatches, readMasterKey } from '../crypto/master-key.js';
import { migrations } from '../db/migrations.js';
import { SnapshotError, backupSqlite, holdsData, inUse, inspectSnapshot, restoreSqlite, type SnapshotInfo } from '../db/sqlite/backup.js';
import { StartupRefusal, reportToStderr } from '../refusal.js';

const PG_BACKUP =
  'tessera backup copies SQLite databases; with PostgreSQL use its own tools, which take consistent online dumps: ' +
  'pg_dump --format=custom --file=tessera.dump "$TESSERA_DATABASE_URL" (and keep the master key apart from the dump)';
const PG_RESTORE =
  'tessera restore writes SQLite databases; with PostgreSQL stop every instance, then: ' +
  'pg_restore --clean --if-exists --dbname="$TESSERA_DATABASE_URL" tessera.dump, and start them with the master key the dump was made under';

/** The SQLite file of the configured database, or null for PostgreSQL. */
export function sqliteFileOf(config: Config): string | null {
  if (!config.databaseUrl.startsWith('sqlite:')) return null;
  const file = config.databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:') throw new Error('TESSERA_DATABASE_URL is sqlite::memory:, which has nothing on disk to back up or restore');
  return path.resolve(file);
}

/** What a snapshot holds, as the commands print it. */
function summary(info: SnapshotInfo): Record<string, unknown> {
  return { bytes: info.bytes, schema: info.migrations.at(-1) ?? null, ...info.counts };
}

/** A SnapshotError is the operator's file, not a fault of ours: one line, exit 1. */
async function plainErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SnapshotError) throw new Error(err.message);
    throw err;
  }
}

export function registerBackupCommands(program: Command, config: () => Config): void {
  program
    .command('backup <file>')
    .description('copy the SQLite database to FILE (mode 0600) while the server serves: a consistent online snapshot; PostgreSQL: use pg_dump')
    .option('--force', 'replace FILE if it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const source = sqliteFileOf(config());
      if (source === null) throw new Error(PG_BACKUP);
      const dest = path.resolve(file);
      const info = await plainErrors(() => backupSqlite(source, dest, { overwrite: opts.force ?? false }));
      console.log(JSON.stringify({ backup: dest, from: source, ...summary(info) }));
      reportToStderr('the backup holds no master key, and is useless without it: keep a copy of the key apart from the backups (tessera master-key export)');
    });

  program
    .command('restore <file>')
    .description('replace the SQLite database with a backup, after checking it and that the configured master key opens it; PostgreSQL: use pg_restore')
    .option('--force', 'replace a database that holds data, or restore into one a running server is using (restart every server that uses it afterwards)')
    .action(async (file: string, opts: { force?: boolean }) => {
      const cfg = config();
      const target = sqliteFileOf(cfg);
      if (target === null) throw new Error(PG_RESTORE);
      const backup = path.resolve(file);
      if (backup === target) throw new Error(`${backup} is the database itself`);
      const info = await plainErrors(async () => inspectSnapshot(backup));
      const unknown = info.migrations.filter((m) => !(m in migrations));
      if (unknown.length) throw new Error(`${backup} was made by a newer Tessera (migrations ${unknown.join(', ')} are unknown here); restore it with that version or a later one`);

      // The key first: a restore under the wrong key would leave a database the server refuses to start on.
      const key = readMasterKey(cfg.masterKey, { force: false, report: reportToStderr });
      const where = describeMasterKeySource(cfg.masterKey);
      if (key === null) {
        throw new StartupRefusal(`no master key: ${where} does not exist; install the key this backup was made under first (tessera master-key import KEYFILE), then restore`);
      }
      if (info.keyCheck === null) {
        reportToStderr(`warning: ${backup} records no master key check (made before Tessera kept one); the server checks the key when it starts`);
      } else if (!keyCheckMatches(key, info.keyCheck)) {
        throw new StartupRefusal(`wrong master key: ${backup} was made under another master key than the one from ${where}; install that key first (tessera master-key import KEYFILE)`);
      }

      const live = inUse(target);
      if (!opts.force) {
        if (live) throw new Error(`a running server (or another tessera command) is using ${target}; stop it first, or pass --force to restore into the live database and then restart every server that uses it`);
        if (holdsData(target)) throw new Error(`${target} already holds data; pass --force to replace all of it with the backup (take a backup of it first: tessera backup FILE)`);
      }
      await plainErrors(() => restoreSqlite(backup, target));
      console.log(JSON.stringify({ restored: backup, into: target, ...summary(info) }));
      // Its caches (projects, keys, policies, recent sessions) still hold what it read before.
      if (live) reportToStderr('restored into a database in use: restart every server that uses it now');
    });
}
