/**
 * What every test of the built CLI needs: the binary `npm start` runs (npm test builds first), temp dirs,
 * and the servers it started, stopped by PID and removed after each test even when the test failed.
 */
import type { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export const CLI = path.resolve(import.meta.dirname, '../../dist/bundle/tessera.cjs');

export function cliSandbox(prefix: string): { tmp: () => string; children: Set<ReturnType<typeof spawn>> } {
  const dirs: string[] = [];
  const children = new Set<ReturnType<typeof spawn>>();
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
    children.clear();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  return { tmp, children };
}
