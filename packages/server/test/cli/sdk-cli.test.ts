/** `tessera project origins|cookies|vertical`, run as the built CLI. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = path.resolve(import.meta.dirname, '../../dist/bundle/tessera.cjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-sdk-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, TESSERA_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

describe('tessera project origins / cookies / vertical', () => {
  it('adds (normalized), lists, removes and validates origins; sets the cookie mode and the vertical', () => {
    const created = run('project', 'create', '--live');
    expect(created.status).toBe(0);
    const { project_id } = JSON.parse(created.out) as { project_id: string };
    const add = run('project', 'origins', 'add', 'https://App.example.com:443', '--project', project_id);
    expect(add.status).toBe(0);
    expect(JSON.parse(add.out)).toEqual({ project_id, origin: 'https://app.example.com', added: true });
    expect(JSON.parse(run('project', 'origins', 'add', 'https://app.example.com').out).added).toBe(false);
    run('project', 'origins', 'add', 'http://localhost:3000');
    expect(JSON.parse(run('project', 'origins', 'list').out)).toEqual({ project_id, origins: ['https://app.example.com', 'http://localhost:3000'] });
    const bad = run('project', 'origins', 'add', 'https://app.example.com/login');
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/no path/);
    expect(JSON.parse(run('project', 'origins', 'remove', 'http://localhost:3000').out).removed).toBe(true);
    expect(JSON.parse(run('project', 'origins', 'list').out).origins).toEqual(['https://app.example.com']);
    expect(JSON.parse(run('project', 'cookies', '--http-only', 'on').out)).toMatchObject({ http_only_cookies: true, vertical: 'CONSUMER' });
    expect(JSON.parse(run('project', 'vertical', 'b2b').out)).toMatchObject({ http_only_cookies: true, vertical: 'B2B' });
    expect(run('project', 'cookies', '--http-only', 'maybe').status).toBe(1);
    expect(run('project', 'origins', 'list', '--project', 'project-test-nope').err).toMatch(/no project/);
  }, 120_000); // a dozen CLI processes, each opening the database: slow on a shared machine
});
