// bench/targets/tessera.mjs: a Tessera server for the benchmark (contract: bench/README.md, "Target contract").
// Env: PORT, INFO, BENCH_TMPDIR (scratch dir for the SQLite file and master key), MODE=token|jwt, SEED (10000).
// It runs the built server (`npm run build`) on a fresh SQLite file (WAL, synchronous=NORMAL), seeds SEED users
// with one live session each, and asks for `POST /v1/sessions/authenticate` with a random seeded
// `session_token` (MODE=token) or `session_jwt` (MODE=jwt), Basic project credentials, a fresh JWT every call.
// In jwt mode the seeded JWTs pass their 5-minute `exp` during a long run; the server does the same work for
// them (it accepts a well-signed JWT of a live session whatever its age, as Stytch does), so that is kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser, loadConfig, newFactor, projectContext, startServer, startSession } from '@tessera/server';
import { benchPort, exitOnSignals, writeInfo } from './contract.mjs';

const { MODE = 'token', SEED = '10000' } = process.env;
const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), 'tessera-'));
const server = await startServer(
  loadConfig({ TESSERA_HOST: '127.0.0.1', TESSERA_PORT: String(benchPort()), TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'warn' }),
);
const { project, secret } = server.createdProject;
const ctx = projectContext(server.runtime.deps, project);

const variants = [];
for (let i = 0; i < Number(SEED); i++) {
  const user = await createUser(ctx, { email: `bench-${i}@example.com`, name: { first_name: 'Ada', last_name: 'Lovelace' } });
  const s = await startSession(ctx, user, newFactor('password', 'knowledge', Date.now()), { session_duration_minutes: 7 * 24 * 60 });
  variants.push({ body: JSON.stringify(MODE === 'jwt' ? { session_jwt: s.session_jwt } : { session_token: s.session_token }) });
}

writeInfo({
  method: 'POST',
  path: '/v1/sessions/authenticate',
  headers: {
    authorization: 'Basic ' + Buffer.from(`${project.project_id}:${secret}`).toString('base64'),
    'content-type': 'application/json',
  },
  variants,
  check: { status: 200, bodyIncludes: '"session_jwt":"ey' },
});
console.log(`tessera listening on ${server.url} (MODE=${MODE}, ${variants.length} sessions)`);
exitOnSignals(() => fs.rmSync(dir, { recursive: true, force: true }));
