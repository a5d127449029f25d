import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProject, loadConfig, rotateKeys, startServer as start, type SigningAlg, type StartedServer } from '@tessera/server';
import { TestClock } from './clock.js';

export interface TestProject {
  project_id: string;
  secret: string;
  public_token: string;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  project: TestProject;
  clock: TestClock;
  /** Temporary directory with the SQLite file and master key; removed by `close()`. */
  dir: string;
  /** What another process needs to open the same database: `TESSERA_DATA_DIR`, and the URL and master key over PostgreSQL. */
  databaseEnv: Record<string, string>;
  server: StartedServer;
  /** Another project; `alg` picks its signing profile (RS256 by default). */
  createProject(opts?: { live?: boolean; alg?: SigningAlg }): Promise<TestProject>;
  rotateKeys(opts?: { immediate?: boolean; project_id?: string; alg?: SigningAlg }): Promise<{ kid: string; activates_at: number }>;
  close(): Promise<void>;
}

/** A fixed master key for tests whose instances share a PostgreSQL database (64 hex characters). */
export const TEST_MASTER_KEY = '7e55e7a0'.repeat(8);

export interface StartServerOptions {
  env?: Record<string, string>;
  logStream?: NodeJS.WritableStream;
  /**
   * `postgres://...`: run over this PostgreSQL database instead of a SQLite file (the master key is then
   * `masterKey`, default {@link TEST_MASTER_KEY}, so several servers can share the database).
   */
  databaseUrl?: string;
  /** The master key as 64 hex characters (`TESSERA_MASTER_KEY`). */
  masterKey?: string;
  /** Share another server's clock (instances of one deployment run on one time). */
  clock?: TestClock;
  /** The project of a database that already holds one (a second instance over the same PostgreSQL database). */
  project?: TestProject;
}

/**
 * A real Tessera server for a test: its own SQLite file in a temp dir (or the PostgreSQL database of
 * `databaseUrl`), a random loopback port, a controllable clock, and a fresh project (or `project`, when
 * the database already holds it: a second instance). Stop it with `close()`.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-'));
  const clock = opts.clock ?? new TestClock();
  const masterKey = opts.masterKey ?? (opts.databaseUrl ? TEST_MASTER_KEY : undefined);
  const config = loadConfig({
    TESSERA_HOST: '127.0.0.1',
    TESSERA_PORT: '0',
    TESSERA_DATA_DIR: dir,
    TESSERA_LOG_LEVEL: process.env.TESSERA_TEST_LOG_LEVEL ?? 'silent',
    ...(opts.databaseUrl ? { TESSERA_DATABASE_URL: opts.databaseUrl } : {}),
    ...(masterKey ? { TESSERA_MASTER_KEY: masterKey } : {}),
    ...opts.env,
  });
  const databaseEnv: Record<string, string> = {
    TESSERA_DATA_DIR: dir,
    ...(opts.databaseUrl ? { TESSERA_DATABASE_URL: opts.databaseUrl } : {}),
    ...(masterKey ? { TESSERA_MASTER_KEY: masterKey } : {}),
  };
  const server = await start(config, { clock: clock.fn, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  // Tests count password jobs and time logins: they start from a warmed-up server.
  await server.warmedUp;
  const created = server.createdProject;
  const project: TestProject | undefined = created
    ? { project_id: created.project.project_id, secret: created.secret, public_token: created.public_token }
    : opts.project;
  if (!project) {
    await server.close();
    throw new Error('test server did not create a project (pass `project` for a database that holds one)');
  }
  const deps = server.runtime.deps;
  return {
    url: server.url,
    project,
    clock,
    dir,
    databaseEnv,
    server,
    async createProject({ live = false, alg }: { live?: boolean; alg?: SigningAlg } = {}) {
      const p = await createProject(deps, { env: live ? 'live' : 'test', signing_alg: alg });
      return { project_id: p.project.project_id, secret: p.secret, public_token: p.public_token };
    },
    async rotateKeys({ immediate = false, project_id = project.project_id, alg }: { immediate?: boolean; project_id?: string; alg?: SigningAlg } = {}) {
      const key = await rotateKeys(deps, project_id, { immediate, alg });
      return { kid: key.kid, activates_at: key.activates_at };
    },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
