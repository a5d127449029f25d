// bench/targets/edge.mjs: @tessera/edge's `tesseraMiddleware` in workerd (Miniflare) in front of a Tessera
// server (contract: bench/README.md, "Target contract"). The harness loads the Worker on PORT; every request
// carries a random seeded session cookie and the Worker answers with the validated session id.
// Env: PORT, INFO, BENCH_TMPDIR, MODE=jwt|token, SEED (1000).
//   MODE=jwt   `mode: "jwt"`: `stytch_session_jwt` verified locally against the JWKS cached in the isolate; no
//              call to the server while the JWT is valid. The seeded JWTs are minted once at start and a full
//              run lasts longer than their 5 minutes, so this target accepts them 30 minutes past `exp`
//              (`clock_tolerance_seconds: 1800`): the row measures the local path throughout, as a site whose
//              browsers refresh their JWT every few minutes would see it.
//   MODE=token the official plugin's behaviour (opaque `session_token` cookie, `POST /v1/sessions/authenticate`
//              on every request, no cache): workerd plus a full server authenticate per request.
// The Worker is bundled from the built `@tessera/edge` (`npm run build`) with esbuild, as a Workers bundler would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { createUser, loadConfig, newFactor, projectContext, startServer, startSession } from '@tessera/server';
import { benchPort, exitOnSignals, writeInfo } from './contract.mjs';

const { MODE = 'jwt', SEED = '1000' } = process.env;
if (MODE !== 'jwt' && MODE !== 'token') throw new Error(`MODE must be jwt or token (got ${MODE})`);
const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), 'tessera-edge-'));
const server = await startServer(loadConfig({ TESSERA_HOST: '127.0.0.1', TESSERA_PORT: '0', TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'warn' }));
const { project, secret } = server.createdProject;
const ctx = projectContext(server.runtime.deps, project);

const variants = [];
for (let i = 0; i < Number(SEED); i++) {
  const user = await createUser(ctx, { email: `edge-${i}@example.com`, name: { first_name: 'Ada', last_name: 'Lovelace' } });
  const s = await startSession(ctx, user, newFactor('password', 'knowledge', Date.now()), { session_duration_minutes: 7 * 24 * 60 });
  variants.push({ headers: { cookie: MODE === 'jwt' ? `stytch_session_jwt=${s.session_jwt}` : `session_token=${s.session_token}` } });
}

const worker = `
import { tesseraMiddleware } from '@tessera/edge';
let auth;
export default {
  fetch(request, env, ctx) {
    auth ??= tesseraMiddleware({
      project_id: env.PROJECT_ID,
      secret: env.SECRET,
      env: env.API,
      mode: env.MODE,
      ...(env.MODE === 'jwt' ? { clock_tolerance_seconds: 1800, set_cookie: false } : {}),
    });
    return auth.wrap(async (_request, _env, _ctx, stytch) => Response.json({ session_id: stytch.session.session.session_id }))(request, env, ctx);
  },
};`;
const bundled = await build({
  stdin: { contents: worker, resolveDir: path.dirname(fileURLToPath(import.meta.url)), loader: 'js' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['worker', 'browser'],
  mainFields: ['module', 'main'],
  logLevel: 'silent',
});

const mf = new Miniflare({
  modules: true,
  script: bundled.outputFiles[0].text,
  compatibilityDate: '2025-01-01',
  cf: false,
  host: '127.0.0.1',
  port: benchPort(),
  bindings: { PROJECT_ID: project.project_id, SECRET: secret, API: `${server.url}/v1/`, MODE },
});
await mf.ready;

writeInfo({ method: 'GET', path: '/me', variants, check: { status: 200, bodyIncludes: '"session_id":"session-' } });
console.log(`edge middleware (MODE=${MODE}) in workerd on 127.0.0.1:${benchPort()}, Tessera at ${server.url}, ${variants.length} sessions`);
exitOnSignals(() => {
  void mf.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});
