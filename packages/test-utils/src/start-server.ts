import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProject, loadConfig, rotateKeys, startServer as start, type StartedServer } from '@tessera/server';
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
  server: StartedServer;
  createProject(opts?: { live?: boolean }): Promise<TestProject>;
  rotateKeys(opts?: { immediate?: boolean; project_id?: string }): Promise<{ kid: string; activates_at: number }>;
  close(): Promise<void>;
}

/**
 * A real Tessera server for a test: its own SQLite file in a temp dir, a random loopback port, a
 * controllable clock, and a fresh project. Stop it with `close()`.
 */
export async function startServer(opts: { env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-'));
  const clock = new TestClock();
  const config = loadConfig({
    TESSERA_HOST: '127.0.0.1',
    TESSERA_PORT: '0',
    TESSERA_DATA_DIR: dir,
    TESSERA_LOG_LEVEL: process.env.TESSERA_TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  });
  const server = await start(config, { clock: clock.fn, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  const created = server.createdProject;
  if (!created) throw new Error('test server did not create a project');
  const deps = server.runtime.deps;
  return {
    url: server.url,
    project: { project_id: created.project.project_id, secret: created.secret, public_token: created.public_token },
    clock,
    dir,
    server,
    async createProject({ live = false } = {}) {
      const p = await createProject(deps, { env: live ? 'live' : 'test' });
      return { project_id: p.project.project_id, secret: p.secret, public_token: p.public_token };
    },
    async rotateKeys({ immediate = false, project_id = created.project.project_id } = {}) {
      const key = await rotateKeys(deps, project_id, { immediate });
      return { kid: key.kid, activates_at: key.activates_at };
    },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
