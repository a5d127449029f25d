/**
 * A throwaway PostgreSQL cluster for tests (the machine image has PostgreSQL 15):
 * its own data directory in a temp dir, a free loopback port, fsync off, stopped by `pg_ctl` (its PID file)
 * when the test is done. As root the cluster runs as the `postgres` system user, as PostgreSQL requires.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: connections are cut, as in an outage), keeping its data. */
  shutdown(): void;
  /** Starts it again on the same port after `shutdown()`. */
  start(): void;
  /** `shutdown()` then `start()`. */
  restart(): void;
  /** Stops the server for good and removes its data. */
  stop(): void;
}

function binDir(): string | null {
  try {
    const dirs = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of dirs) if (fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) return `/usr/lib/postgresql/${v}/bin`;
  } catch {
    // no PostgreSQL installed
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a cluster, or returns why it cannot (no binaries here), so a suite can skip with the reason. */
export async function startPostgres(): Promise<TestPostgres | { unavailable: string }> {
  const bin = binDir();
  if (!bin) return { unavailable: 'PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)' };
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) {
    execFileSync('useradd', ['--system', '--home-dir', '/var/lib/postgresql', '--shell', '/bin/bash', 'postgres']);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], { stdio: 'pipe' }) : execFileSync(`${bin}/${cmd}`, args, { stdio: 'pipe' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start', '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`]);
  const shutdown = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  let running = false;
  start();
  running = true;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    url,
    async createDatabase() {
      const name = `t_${process.pid}_${Date.now()}_${n++}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    shutdown() {
      shutdown();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    restart() {
      shutdown();
      running = false;
      start();
      running = true;
    },
    stop() {
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
