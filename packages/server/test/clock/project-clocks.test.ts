/**
 * `ProjectClocks` over a real SQLite file, with two runtimes on it standing in for the server and a CLI
 * process: a test project's offset is read once, served from memory (no query) for a second, then re-read;
 * what this runtime writes is seen here at once; live projects never touch it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '@tessera/test-utils';
import { loadConfig } from '../../src/config.js';
import { projectContext } from '../../src/domain/context.js';
import { ApiError } from '../../src/domain/errors.js';
import { createProject } from '../../src/domain/projects/create-project.js';
import { CLOCK_REFRESH_MS } from '../../src/domain/projects/test-clock/project-clocks.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';

const opened: Runtime[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((rt) => rt.close()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function twoRuntimes() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-clock-'));
  dirs.push(dir);
  const clock = new TestClock();
  clock.set(Date.UTC(2026, 5, 1, 12, 0, 0));
  const config = loadConfig({ TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'silent' });
  const server = await openRuntime(config, clock.fn);
  opened.push(server);
  const cli = await openRuntime(config, clock.fn);
  opened.push(cli);
  return { clock, server, cli };
}

describe('ProjectClocks', () => {
  it('reads a test project\'s offset once, serves it from memory for a second, then sees another process\'s advance', async () => {
    const { clock, server, cli } = await twoRuntimes();
    const { project } = await createProject(server.deps);
    const clocks = server.deps.clocks;
    const ctx = projectContext(server.deps, project);

    const first = clocks.refresh(project);
    expect(first).toBeInstanceOf(Promise); // never read: the request waits for it
    await first;
    expect(clocks.refresh(project)).toBeUndefined(); // fresh: no query, no await
    expect(ctx.clock()).toBe(clock.now());

    // "the CLI" advances 10 minutes in its own runtime
    await cli.deps.clocks.advance(project, 600_000);
    clock.advance(CLOCK_REFRESH_MS - 1);
    expect(clocks.refresh(project)).toBeUndefined();
    expect(ctx.clock()).toBe(clock.now()); // still the value read a moment ago
    clock.advance(1);
    const due = clocks.refresh(project);
    expect(due).toBeInstanceOf(Promise);
    await due;
    expect(clocks.offset(project.project_id)).toBe(600_000);
    expect(ctx.clock()).toBe(clock.now() + 600_000);

    // an advance through this runtime counts at once, and adds to the stored offset
    expect(await clocks.advance(project, 60_000)).toBe(660_000);
    expect(ctx.clock()).toBe(clock.now() + 660_000);
    expect(await cli.deps.clocks.read(project)).toBe(660_000);
  });

  it('a stale offset read without awaiting is served as it was and re-read in the background', async () => {
    const { clock, server, cli } = await twoRuntimes();
    const { project } = await createProject(server.deps);
    const clocks = server.deps.clocks;
    await clocks.refresh(project);
    await cli.deps.clocks.advance(project, 7_200_000);
    clock.advance(CLOCK_REFRESH_MS);
    expect(clocks.offset(project.project_id)).toBe(0); // stale, returned as is; the read starts
    await expect.poll(() => clocks.offset(project.project_id), { timeout: 2_000, interval: 5 }).toBe(7_200_000);
  });

  it('reset returns to the server\'s time, here at once and in the other process within a second', async () => {
    const { clock, server, cli } = await twoRuntimes();
    const { project } = await createProject(server.deps);
    await cli.deps.clocks.refresh(project);
    await server.deps.clocks.advance(project, 86_400_000);
    clock.advance(CLOCK_REFRESH_MS);
    await cli.deps.clocks.refresh(project);
    expect(cli.deps.clocks.now(project.project_id)).toBe(clock.now() + 86_400_000);
    await server.deps.clocks.reset(project);
    expect(server.deps.clocks.now(project.project_id)).toBe(clock.now());
    clock.advance(CLOCK_REFRESH_MS);
    await cli.deps.clocks.refresh(project);
    expect(cli.deps.clocks.now(project.project_id)).toBe(clock.now());
  });

  it('a live project runs on the server\'s clock, with no lookup, and refuses to be moved', async () => {
    const { server } = await twoRuntimes();
    const { project } = await createProject(server.deps, { env: 'live' });
    const clocks = server.deps.clocks;
    expect(clocks.refresh(project)).toBeUndefined();
    expect(clocks.clockOf(project)).toBe(server.deps.clock);
    expect(projectContext(server.deps, project).clock).toBe(server.deps.clock);
    for (const attempt of [() => clocks.advance(project, 1000), () => clocks.reset(project), () => clocks.read(project)]) {
      const err = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).type).toBe('test_clock_not_allowed');
    }
    expect(await server.deps.stores.projectClocks.get(project.project_id)).toBe(0); // nothing written
  });
});
