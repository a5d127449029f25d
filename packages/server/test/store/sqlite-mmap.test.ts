/**
 * The server's SQLite connection reads the file through a memory mapping (`TESSERA_SQLITE_MMAP_MB`, default
 * 2,048 MiB, 0 off). Checked where it shows: SQLite's own `mmap_size`, and the process's mappings in
 * /proc/self/maps, through `openSqlite` and through `openRuntime` from the configuration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProject, loadConfig, openRuntime } from '../../src/index.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import { startCheckpointer } from '../../src/db/sqlite/checkpointer.js';
import { REMAP_MIN_GROWTH_BYTES } from '../../src/db/sqlite/mapping.js';

/** better-sqlite3's SQLite clamps mmap_size to SQLITE_MAX_MMAP_SIZE, 0x7fff0000. */
const SQLITE_MAX_MMAP_BYTES = 0x7fff0000;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-mmap-'));
  dirs.push(dir);
  return dir;
}

/** Bytes of `file` this process has mapped, from /proc/self/maps (0: not mapped). */
function mappedBytes(file: string): number {
  const real = fs.realpathSync(file);
  let total = 0;
  for (const line of fs.readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6 || fields.slice(5).join(' ') !== real) continue;
    const [start, end] = fields[0]!.split('-').map((h) => BigInt(`0x${h}`));
    total += Number(end! - start!);
  }
  return total;
}

describe('SQLite reads through a memory mapping', () => {
  it('openSqlite maps the file by default (clamped to SQLite\'s 2 GiB cap) and not with mmapMib 0', async () => {
    const file = path.join(tempDir(), 'm.db');
    const mapped = openSqlite(file);
    await migrate(mapped.db);
    const { rows } = await sql<{ mmap_size: number }>`pragma mmap_size`.execute(mapped.db);
    expect(rows[0]?.mmap_size).toBe(SQLITE_MAX_MMAP_BYTES);
    await sql`select count(*) from sessions`.execute(mapped.db);
    // SQLite maps the file's current size (at least the pages the migrations wrote).
    expect(mappedBytes(file)).toBeGreaterThanOrEqual(fs.statSync(file).size);
    await mapped.db.destroy();
    expect(mappedBytes(file)).toBe(0);

    const unmapped = openSqlite(file, { mmapMib: 0 });
    const off = await sql<{ mmap_size: number }>`pragma mmap_size`.execute(unmapped.db);
    expect(off.rows[0]?.mmap_size).toBe(0);
    await sql`select count(*) from sessions`.execute(unmapped.db);
    expect(mappedBytes(file)).toBe(0);
    await unmapped.db.destroy();
  });

  it('a smaller mapping covers only the start of a larger file; the rest is read without it', async () => {
    const file = path.join(tempDir(), 'big.db');
    const opened = openSqlite(file, { mmapMib: 1 });
    await sql`create table filler (b blob)`.execute(opened.db);
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000) insert into filler select randomblob(4000) from n`.execute(opened.db);
    await sql`pragma wal_checkpoint(truncate)`.execute(opened.db);
    expect(fs.statSync(file).size).toBeGreaterThan(3 * 1024 * 1024);
    const { rows } = await sql<{ n: number; total: number }>`select count(*) as n, sum(length(b)) as total from filler`.execute(opened.db);
    expect(rows[0]).toEqual({ n: 1000, total: 4_000_000 });
    expect(mappedBytes(file)).toBe(1024 * 1024);
    await opened.db.destroy();
  });

  it('the mapping follows the file as the checkpoint worker grows it (SQLite alone keeps its first size)', async () => {
    const file = path.join(tempDir(), 'grow.db');
    const opened = openSqlite(file);
    let checkpoints = 0;
    const checkpointer = startCheckpointer(file, opened.setAutoCheckpoint, { intervalMs: 20, onCheckpoint: () => void checkpoints++ });
    const fill = (rows: number) =>
      sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows}) insert into filler select randomblob(4000) from n`.execute(opened.db);
    /** Until the worker has copied the log into the file (the file at least `bytes`) and checkpointed again. */
    const checkpointedTo = async (bytes: number) => {
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(bytes), { timeout: 10_000, interval: 20 });
      const seen = checkpoints;
      await vi.waitFor(() => expect(checkpoints).toBeGreaterThan(seen + 1), { timeout: 10_000, interval: 20 });
    };
    try {
      await sql`create table filler (b blob)`.execute(opened.db);
      await fill(1000);
      await checkpointedTo(4_000_000);
      await sql`select count(*) from filler`.execute(opened.db);
      const first = mappedBytes(file);
      expect(first).toBeGreaterThan(4_000_000);

      // ~24 MB more through the server's connection; the worker's checkpoints copy it into the file.
      for (let i = 0; i < 6; i++) await fill(1000);
      await checkpointedTo(first + REMAP_MIN_GROWTH_BYTES);
      await sql`select sum(length(b)) from filler`.execute(opened.db);
      // SQLite does not map the grown file by itself.
      expect(mappedBytes(file)).toBe(first);

      // Inside a read snapshot (the fast path's, open until the check phase) the renewal waits for its end.
      const before = opened.mapping.mappedBytes;
      expect(opened.direct.one('select count(*) as n from filler', [])).toEqual([{ n: 7000 }]);
      opened.mapping.refresh();
      expect(opened.mapping.mappedBytes).toBe(before);
      await new Promise((resolve) => setImmediate(resolve));
      const size = fs.statSync(file).size;
      expect(opened.mapping.mappedBytes).toBe(size);
      const { rows } = await sql<{ total: number }>`select sum(length(b)) as total from filler`.execute(opened.db);
      expect(rows[0]?.total).toBe(28_000_000);
      expect(mappedBytes(file)).toBe(size);

      // Grown by less than the threshold since: no renewal.
      await fill(100);
      await checkpointedTo(size);
      opened.mapping.refresh();
      await new Promise((resolve) => setImmediate(resolve));
      expect(opened.mapping.mappedBytes).toBe(size);
    } finally {
      await checkpointer.stop();
      await opened.db.destroy();
    }
  });

  it('openRuntime takes the size from TESSERA_SQLITE_MMAP_MB', async () => {
    for (const [setting, expected] of [[undefined, true], ['0', false]] as const) {
      const dir = tempDir();
      const rt = await openRuntime(loadConfig({ TESSERA_DATA_DIR: dir, ...(setting === undefined ? {} : { TESSERA_SQLITE_MMAP_MB: setting }) }), undefined, { report: () => {} });
      try {
        await createProject(rt.deps);
        expect(mappedBytes(path.join(dir, 'tessera.db')) > 0).toBe(expected);
      } finally {
        await rt.close();
      }
    }
  });
});
