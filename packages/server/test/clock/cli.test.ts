/**
 * `tessera clock` (issue #16) with the built binary against a running `tessera start` on the same data dir:
 * an advance made by the CLI process reaches the server within about a second (polled, no fixed sleep);
 * `keys rotate` + `clock advance` makes the new key sign; live projects and bad durations are one-line
 * errors with exit code 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as stytch from 'stytch';
import { describe, expect, it } from 'vitest';
import { CLI, cliSandbox } from '../cli/sandbox.js';
import { STRONG_PASSWORD, decodeJwtHeader, uniqueEmail } from '../compat/helpers.js';

const { tmp, children } = cliSandbox('tessera-clock-cli-');

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, TESSERA_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `run`, without blocking the event loop (requests can go on meanwhile); `exitedAt` is performance.now() at exit. */
function runAsync(cwd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string; exitedAt: number }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, TESSERA_LOG_LEVEL: 'warn' } });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (status) => {
      children.delete(child);
      resolve({ status, stdout, stderr, exitedAt: performance.now() });
    }),
  );
}

/** `tessera start` until its banner; the sandbox stops it by PID after the test. */
async function start(cwd: string): Promise<{ url: string; project_id: string; secret: string }> {
  const child = spawn(process.execPath, [CLI, 'start'], { cwd, env: { ...process.env, TESSERA_PORT: '0', TESSERA_LOG_LEVEL: 'warn' } });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 60_000);
    child.stdout.on('data', () => /Use it from Node/.test(out) && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(out)![1]!;
  return { url: /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!, project_id: field('project_id'), secret: field('secret') };
}

/** Calls `fn` every 25 ms until it returns true; the elapsed ms. */
async function pollUntil(fn: () => Promise<boolean>, limitMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await fn())) {
    if (performance.now() - t0 > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return performance.now() - t0;
}

const SLOW = { timeout: 120_000 };

describe('tessera clock', () => {
  it('advance from the CLI expires a session on the running server within ~1.5 s; show; reset', SLOW, async () => {
    const cwd = tmp();
    const srv = await start(cwd);
    const client = new stytch.Client({ project_id: srv.project_id, secret: srv.secret, env: `${srv.url}/` });
    const { session_token } = await client.passwords.create({ email: uniqueEmail('cli'), password: STRONG_PASSWORD, session_duration_minutes: 30 });
    await client.sessions.authenticate({ session_token }); // the server has read the (zero) offset

    // Keep the server busy with the session while the CLI runs, so its cached offset is always recent: what
    // is measured is the re-read bound (1 s), not a first read.
    const expired = async () => {
      try {
        await client.sessions.authenticate({ session_token });
        return false;
      } catch (err) {
        expect((err as stytch.StytchError).error_type).toBe('session_not_found');
        return true;
      }
    };
    let seenAt = 0;
    const watching = pollUntil(expired, 60_000).then(() => (seenAt = performance.now()));
    const adv = await runAsync(cwd, ['clock', 'advance', '31m']);
    expect(adv.status, adv.stderr).toBe(0);
    const advanced = JSON.parse(adv.stdout) as { project_id: string; offset_ms: number; now: string };
    expect(advanced).toMatchObject({ project_id: srv.project_id, offset_ms: 31 * 60_000 });
    expect(Date.parse(advanced.now) - Date.now()).toBeGreaterThan(31 * 60_000 - 10_000);
    await watching;
    const seenMs = Math.max(0, seenAt - adv.exitedAt);
    console.log(`CLI advance seen by the server ${Math.round(seenMs)} ms after the CLI exited`);
    expect(seenMs).toBeLessThan(1_500);

    const shown = JSON.parse(run(cwd, ['clock', 'show']).stdout);
    expect(shown).toMatchObject({ project_id: srv.project_id, offset_ms: 31 * 60_000 });
    expect(JSON.parse(run(cwd, ['clock', 'advance', '1h', '--project', srv.project_id]).stdout).offset_ms).toBe(91 * 60_000);
    const reset = JSON.parse(run(cwd, ['clock', 'reset']).stdout);
    expect(reset.offset_ms).toBe(0);
    expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(10_000);
  });

  it('keys rotate, then clock advance past the activation delay: the running server signs with the new kid', SLOW, async () => {
    const cwd = tmp();
    const srv = await start(cwd);
    const client = new stytch.Client({ project_id: srv.project_id, secret: srv.secret, env: `${srv.url}/` });
    const kidNow = async () =>
      decodeJwtHeader((await client.passwords.create({ email: uniqueEmail('kid'), password: STRONG_PASSWORD, session_duration_minutes: 60 })).session_jwt).kid;
    const oldKid = await kidNow();
    const rotated = JSON.parse(run(cwd, ['keys', 'rotate']).stdout) as { kid: string };
    expect(rotated.kid).not.toBe(oldKid);
    expect(run(cwd, ['clock', 'advance', '2m']).status).toBe(0);
    await pollUntil(async () => (await kidNow()) === rotated.kid, 8_000); // the server's key cache: 5 s of project time, passed by the advance
  });

  it('refuses live projects, unknown projects and bad durations with one line and exit code 1', SLOW, async () => {
    const cwd = tmp();
    const live = JSON.parse(run(cwd, ['project', 'create', '--live']).stdout) as { project_id: string };
    const onlyLive = run(cwd, ['clock', 'advance', '10m']);
    expect(onlyLive.status).toBe(1);
    expect(onlyLive.stderr.trim().split('\n')).toEqual(['tessera: there is no test project; the test clock is only available on test projects']);
    for (const args of [['advance', '10m'], ['show'], ['reset']]) {
      const r = run(cwd, ['clock', ...args, '--project', live.project_id]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([`tessera: ${live.project_id} is a live project; the test clock is only available on test projects`]);
    }
    const test = JSON.parse(run(cwd, ['project', 'create']).stdout) as { project_id: string };
    for (const bad of ['10', '10x', '0m', '1.5h', '401d']) {
      const r = run(cwd, ['clock', 'advance', bad]);
      expect(r.status, bad).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^tessera: duration must be a whole number followed by s, m, h or d/);
    }
    const unknown = run(cwd, ['clock', 'show', '--project', 'project-test-00000000-0000-4000-8000-000000000000']);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'tessera: no project project-test-00000000-0000-4000-8000-000000000000']);
    // the default is the test project, even when a live one was created first
    expect(JSON.parse(run(cwd, ['clock', 'show']).stdout)).toMatchObject({ project_id: test.project_id, offset_ms: 0 });
  });
});
