// postgres.mjs: a throwaway PostgreSQL cluster for the tessera-pg and tessera-2x targets, with the server's
// DURABLE defaults (fsync, synchronous_commit and full_page_writes on: every acknowledged write is on disk, as
// in production), listening on 127.0.0.1 only, in a temp directory. Stopped (fast shutdown) by the target
// when it exits. As root (this image), the server runs as the `postgres` user, which refuses root.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './http-target.mjs';

function binDir() {
  let versions = [];
  try { versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)); } catch { /* none */ }
  for (const v of versions) if (fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) return `/usr/lib/postgresql/${v}/bin`;
  throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
}

/**
 * Starts the cluster and creates database `tessera`; returns { url, version, stop() } (stop also removes its
 * directory). The directory is made in the system temp dir, not the target's scratch dir, which the
 * `postgres` user cannot enter.
 */
export async function startCluster({ maxConnections = 100 } = {}) {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) execFileSync('useradd', ['--system', '--home-dir', '/var/lib/postgresql', '--shell', '/bin/bash', 'postgres']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-pg-'));
  const run = (cmd, args) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], { stdio: 'pipe', cwd: dir }) : execFileSync(`${bin}/${cmd}`, args, { stdio: 'pipe', cwd: dir }));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  // The server runs as a child of the target (not daemonised by pg_ctl), so the harness counts its CPU as the
  // target's: a database's work is part of what a request costs.
  const ids = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : {};
  const server = spawn(`${bin}/postgres`, ['-D', data, '-c', 'listen_addresses=127.0.0.1', '-p', String(port), '-k', dir, '-c', `max_connections=${maxConnections}`], {
    cwd: dir, stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'server.log'), 'a')], ...ids,
  });
  let running = true;
  server.once('exit', () => { running = false; });
  const stopped = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    if (running) server.kill('SIGINT'); // fast shutdown
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 10_000))]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (const t0 = Date.now(); ; await new Promise((r) => setTimeout(r, 100))) {
    if (!running) throw new Error(`postgres exited at start; see ${path.join(dir, 'server.log')}`);
    const probe = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    const ok = await probe.connect().then(() => true, () => false);
    await probe.end().catch(() => {});
    if (ok) break;
    if (Date.now() - t0 > 60_000) throw new Error('postgres did not accept connections within 60 s');
  }
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  let version;
  try {
    await admin.query('create database tessera');
    version = (await admin.query('show server_version')).rows[0].server_version;
  } finally {
    await admin.end();
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/tessera`, version, stop };
}
