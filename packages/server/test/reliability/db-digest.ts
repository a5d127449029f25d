/**
 * A content hash of every table of a Tessera SQLite file, read through a second (read-only) connection
 * while the server runs: what "the database is unchanged" means in the reliability tests.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Tables expected to move on requests that are refused: the rate-limit counters count refused requests
 * too (that is their job), so a malformed request may bump them; the audit log records refused writes
 * with their status (that is its job too). Nothing else may change.
 */
export const MOVING_TABLES = new Set(['rate_limits', 'audit_log']);

export const sqliteFileOf = (dataDir: string) => path.join(dataDir, 'tessera.db');

const cell = (v: unknown) => (Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : typeof v === 'bigint' ? v.toString() : v);

/** Every row of every table (sorted, so row order does not matter), hashed per table. */
export function tableDigests(file: string): Record<string, { rows: number; sha256: string }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all();
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const { name } of tables) {
      const rows = db.prepare(`select * from "${name}"`).raw(true).all() as unknown[][];
      const lines = rows.map((r) => JSON.stringify(r.map(cell))).sort();
      out[name] = { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
    }
    return out;
  } finally {
    db.close();
  }
}

/** The digests once the server's write-behind (session access times, 250 ms) has settled: two equal reads in a row. */
export async function settledDigests(file: string): Promise<Record<string, { rows: number; sha256: string }>> {
  let prev = tableDigests(file);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 400));
    const next = tableDigests(file);
    if (JSON.stringify(next) === JSON.stringify(prev)) return next;
    prev = next;
  }
  throw new Error('the database never settled');
}

/** The tables whose content differs, `MOVING_TABLES` left out. */
export function changedTables(before: Record<string, { sha256: string; rows: number }>, after: Record<string, { sha256: string; rows: number }>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => !MOVING_TABLES.has(n) && before[n]?.sha256 !== after[n]?.sha256).map((n) => `${n} (${before[n]?.rows} -> ${after[n]?.rows} rows)`);
}
