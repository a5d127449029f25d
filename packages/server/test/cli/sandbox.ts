/**
 * What every test of the built CLI needs: the binary `npm start` runs (npm test builds first), temp dirs,
 * commands run to their end, and servers started until their banner, stopped by PID and removed after each
 * test even when the test failed.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export const CLI = path.resolve(import.meta.dirname, '../../dist/bundle/tessera.cjs');

/** The test's environment with a random port and quiet logs; a variable set to '' is removed. */
const baseEnv = (env: Record<string, string>): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, TESSERA_PORT: '0', TESSERA_LOG_LEVEL: 'warn', ...env };
  for (const k of Object.keys(e)) if (e[k] === '') delete e[k];
  return e;
};

/** Signals a child and, when it leads a process group (`start`), everything it started (npx runs the binary under a shell). */
function killGroup(child: ReturnType<typeof spawn>, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal); // not a group leader, or already gone
  }
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  url: string;
  pid: number;
  /** Everything the server has printed so far. */
  output(): { stdout: string; stderr: string };
  /** SIGTERM, resolved when the process has exited. */
  stop(): Promise<void>;
}

export function cliSandbox(prefix: string) {
  const dirs: string[] = [];
  const children = new Set<ReturnType<typeof spawn>>();
  afterEach(() => {
    for (const c of children) killGroup(c, 'SIGKILL');
    children.clear();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  /** Runs a command to its end; a `start` that is not refused is killed after `timeout` ms (status null). */
  const run = (cwd: string, args: string[], env: Record<string, string> = {}, timeout = 30_000, input?: string): Ran => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: baseEnv(env), encoding: 'utf8', timeout, killSignal: 'SIGKILL', input });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  /** `run` without blocking the event loop (for a command that runs while the test sends requests). */
  const runAsync = (cwd: string, args: string[], env: Record<string, string> = {}, timeout = 60_000): Promise<Ran> =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { cwd, env: baseEnv(env), encoding: 'utf8', timeout, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
        const code = (err as { code?: unknown } | null)?.code;
        resolve({ status: err ? (typeof code === 'number' ? code : null) : 0, stdout, stderr });
      });
    });

  /**
   * Runs `tessera start` until its banner, in a process group of its own that `stop` and the cleanup signal
   * whole; `command` runs the binary another way (`['npx', 'tessera']` in an installed package's directory).
   */
  const start = async (cwd: string, env: Record<string, string> = {}, args: string[] = [], command: string[] = [process.execPath, CLI]): Promise<Started> => {
    const [exe, ...pre] = command;
    const child = spawn(exe!, [...pre, 'start', ...args], { cwd, env: baseEnv(env), detached: true });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${stdout}${stderr}`)), 60_000);
      child.stdout.on('data', () => /Use it from Node/.test(stdout) && (clearTimeout(timer), resolve()));
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
    });
    return {
      url: /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!,
      pid: child.pid!,
      output: () => ({ stdout, stderr }),
      stop: () =>
        new Promise<void>((resolve) => {
          child.removeAllListeners('exit');
          if (child.exitCode !== null || child.signalCode !== null) {
            children.delete(child);
            return resolve();
          }
          child.on('exit', () => {
            children.delete(child);
            resolve();
          });
          killGroup(child, 'SIGTERM');
        }),
    };
  };

  return { tmp, children, run, runAsync, start };
}
