import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProject, loadConfig, openRuntime, projectContext, type ProjectContext, type Runtime } from '@tessera/server';
import { TestClock } from './clock.js';

export interface TestRuntime {
  runtime: Runtime;
  clock: TestClock;
  /** A project context for domain calls, with a fresh project. */
  ctx: ProjectContext;
  dir: string;
  close(): Promise<void>;
}

/** The domain over a real SQLite file in a temp dir, with a frozen clock (no HTTP). */
export async function openTestRuntime(opts: { start?: number; env?: Record<string, string> } = {}): Promise<TestRuntime> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-rt-'));
  const clock = new TestClock();
  clock.set(opts.start ?? Date.UTC(2026, 0, 1, 12, 0, 0));
  const runtime = await openRuntime(loadConfig({ TESSERA_DATA_DIR: dir, ...opts.env }), clock.fn);
  const created = await createProject(runtime.deps);
  return {
    runtime,
    clock,
    ctx: projectContext(runtime.deps, created.project),
    dir,
    async close() {
      await runtime.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
