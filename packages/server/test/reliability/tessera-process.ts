/**
 * The built `tessera start` as a child process, for the long reliability runs: what they kill, or keep
 * running while its database goes away. Every process started here is killed by PID after each test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';

const CLI = path.resolve(import.meta.dirname, '../../dist/bundle/tessera.cjs');
export const PROJECT = 'project-test-17171717-1717-4717-8717-171717171717';
export const SECRET = 'secret-test-kill-nine-under-load-0123456789';

export interface TesseraProcess {
  url: string;
  proc: ChildProcess;
  exited: Promise<void>;
  output(): string;
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Removed after the test, with the processes. */
export function disposableDir(dir: string): string {
  dirs.push(dir);
  return dir;
}

/** Starts `tessera start` on a free loopback port with the seeded project, and waits for its banner. */
export async function startTessera(dataDir: string, env: Record<string, string>): Promise<TesseraProcess> {
  const proc = spawn(process.execPath, [CLI, 'start'], {
    env: { ...process.env, TESSERA_HOST: '127.0.0.1', TESSERA_PORT: '0', TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'warn', TESSERA_PROJECT_ID: PROJECT, TESSERA_SECRET: SECRET, ...env },
  });
  children.add(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d));
  proc.stderr!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const started = Date.now();
  for (;;) {
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m && /Use it from Node/.test(out)) return { url: m[1]!, proc, exited, output: () => out };
    if (proc.exitCode !== null || Date.now() - started > 60_000) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const authorization = 'Basic ' + Buffer.from(`${PROJECT}:${SECRET}`).toString('base64');

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: Record<string, any>;
}

/** POSTs JSON with the seeded project's credentials; `timeoutMs` bounds the whole exchange. */
export async function post(url: string, body: object, opts: { timeoutMs?: number } = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** A session by the cheapest path (no password hashing): an embeddable magic link for the user, redeemed. */
export async function createSession(url: string, userId: string, opts: { timeoutMs?: number } = {}): Promise<Answer> {
  const link = await post(`${url}/v1/magic_links`, { user_id: userId }, opts);
  if (link.status !== 200) return link;
  return post(`${url}/v1/magic_links/authenticate`, { token: link.body.token, session_duration_minutes: 60 }, opts);
}

/** `n` users to log in (several, so that concurrent creations do not all contend on one user's row). */
export async function createUsers(url: string, n: number, tag: string): Promise<string[]> {
  const users: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await post(`${url}/v1/users`, { email: `${tag}.${i}.${Date.now()}@example.com` });
    if (res.status !== 200) throw new Error(`user create: ${res.status} ${JSON.stringify(res.body)}`);
    users.push(res.body.user_id as string);
  }
  return users;
}
