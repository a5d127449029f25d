// coldstart.mjs: how long the built server takes from `spawn` to its first useful answer (the `coldstart`
// stage). It runs the `tessera` binary as an operator would (`node packages/server/dist/bundle/main.js start`,
// 127.0.0.1, a free port), reads the dev project's id from the banner, and times until
// `GET /v1/sessions/jwks/{project_id}` answers 200 with a key: the process loaded, the database opened and
// migrated, the project's key ring read. The first start is on an empty data directory (it also creates
// the database, the master key and the dev project with its RSA key); the next ones reuse it, as a restart
// does. Run before any HTTP target starts, so the machine is quiet. The secret the first start prints is
// never kept: only the project id is read from the banner.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { register, stop } from './children.mjs';
import { freePort } from './http-target.mjs';
import { REPO_DIR, sleep } from './util.mjs';

const CLI = path.join(REPO_DIR, 'packages/server/dist/bundle/main.js');

async function once(dataDir) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { ...process.env, NODE_ENV: 'production', TESSERA_DATA_DIR: dataDir, TESSERA_HOST: '127.0.0.1', TESSERA_PORT: String(port), TESSERA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  register(child, 'coldstart');
  let projectId = null, out = '', exited = false;
  child.stdout.on('data', (d) => { if (!projectId) { out += d; projectId = /project_id:\s+(project-\S+)/.exec(out)?.[1] ?? null; } });
  child.stderr.resume();
  child.once('exit', () => { exited = true; });
  try {
    for (;;) {
      if (exited) throw new Error('the server exited during start-up');
      if (performance.now() - t0 > 30_000) throw new Error('no answer within 30 s');
      if (projectId) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/sessions/jwks/${projectId}`);
          const body = await res.json();
          if (res.status === 200 && body.keys?.length) return { ms: performance.now() - t0 };
        } catch { /* not listening yet */ }
      }
      await sleep(2);
    }
  } finally {
    await stop(child.pid, 3000);
  }
}

/** `runs` starts: the first on an empty data directory, the others on the same one. */
export async function coldStart({ tmpRoot, runs = 5 }) {
  if (!fs.existsSync(CLI)) return { status: 'skipped', reason: `${path.relative(REPO_DIR, CLI)} missing (npm run build)` };
  const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'coldstart-'));
  try {
    const first = await once(dataDir);
    const restarts = [];
    for (let i = 1; i < runs; i++) restarts.push((await once(dataDir)).ms);
    return { status: 'ok', firstMs: first.ms, restartsMs: restarts };
  } catch (e) {
    return { status: 'failed', reason: e.message };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
