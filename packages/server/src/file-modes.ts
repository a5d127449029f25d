/**
 * File modes of what Tessera keeps on disk: its directories 0700, its database and key files 0600. The
 * SQLite file holds password hashes and sealed signing keys, and `master.key` opens every session, so a
 * copy of either readable by another account must not happen by default.
 *
 * @module
 */
import fs from 'node:fs';
import type { Report } from './refusal.js';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** True when group or others have any permission (ignored on Windows, where modes mean nothing). */
export function openToOthers(mode: number): boolean {
  return process.platform !== 'win32' && (mode & 0o077) !== 0;
}

export function modeString(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/** Creates the directory 0700 when missing (and its missing parents); an existing one is left as it is. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/** Warns about an existing directory that group or others can enter or list; it is the operator's, so it is not changed. */
export function warnIfOpenDir(dir: string, report: Report): void {
  let mode: number;
  try {
    mode = fs.statSync(dir).mode;
  } catch {
    return;
  }
  if (openToOthers(mode)) {
    report(`warning: the data directory ${dir} is open to group or others (mode ${modeString(mode)}); run: chmod 700 ${dir}`);
  }
}

/**
 * Makes `file` exist with mode 0600 before SQLite opens it (SQLite then creates `-wal` and `-shm` with the
 * same mode). An existing file of ours that group or others can read, and its `-wal`/`-shm`, are tightened
 * to 0600 with a notice.
 */
export function ensurePrivateDbFile(file: string, report: Report): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    let mode: number;
    try {
      mode = fs.statSync(f).mode;
    } catch {
      continue;
    }
    if (!openToOthers(mode)) continue;
    try {
      fs.chmodSync(f, PRIVATE_FILE);
      report(`notice: ${f} was open to group or others (mode ${modeString(mode)}); changed it to 0600`);
    } catch (err) {
      report(`warning: ${f} is open to group or others (mode ${modeString(mode)}) and could not be changed to 0600: ${(err as Error).message}`);
    }
  }
}
