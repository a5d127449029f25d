// coldstart.mjs: how long the built server takes from `spawn` to its first useful answer (the `coldstart`
// stage). It runs the `tessera` binary as an operator would (`node packages/server/dist/bundle/tessera.cjs start`,
// 127.0.0.1, a free port), reads the dev project's id from the banner, and times until
// `GET /v1/sessions/jwks/{project_id}` answers 200 with a key: the process loaded, the database opened and
// migrated, the project's key ring read. `fresh` starts each on a new, empty data directory (they also
// create the database, the master key and the dev project with its RSA key), then `restarts` starts on the
// last of those directories, as a restart does; the two are reported apart (medians). The bundle is what
// the `tessera` bin of @tessera/server and `npm start` run; dist/cli/main.js is the same CLI unbundled.
// Run before any HTTP target starts, so the machine is quiet. The secret the first start prints is
// never kept: only the project id is read from the banner (the rest of stdout is dropped).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { register, stop } from './children.mjs';
import { freePort } from './http-target.mjs';
import { REPO_DIR, median, sleep } from './util.mjs';

const CLI = path.join(REPO_DIR, 'packages/server/dist/bundle/tessera.cjs');

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

/**
 * `fresh` starts, each on a new empty data directory, then `restarts` starts on the last one.
 * Returns { status, firstMs (median of the fresh starts), freshMs, restartMs (median), restartsMs }.
 */
export async function coldStart({ tmpRoot, fresh = 3, restarts = 5 }) {
  if (!fs.existsSync(CLI)) return { status: 'skipped', reason: `${path.relative(REPO_DIR, CLI)} missing (npm run build)` };
  const dirs = [];
  try {
    const freshMs = [], restartsMs = [];
    for (let i = 0; i < fresh; i++) {
      dirs.push(fs.mkdtempSync(path.join(tmpRoot, 'coldstart-')));
      freshMs.push((await once(dirs.at(-1))).ms);
    }
    for (let i = 0; i < restarts; i++) restartsMs.push((await once(dirs.at(-1))).ms);
    return { status: 'ok', firstMs: median(freshMs), freshMs, restartMs: median(restartsMs), restartsMs };
  } catch (e) {
    return { status: 'failed', reason: e.message };
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}
