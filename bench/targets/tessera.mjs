// bench/targets/tessera.mjs: a Tessera server for the benchmark, following the harness's INFO contract.
// Env: PORT (127.0.0.1), INFO (file to write when ready), MODE=token|jwt, SEED (sessions, default 10000).
// It runs the built server (`npm run build` first) on a fresh SQLite file (WAL, synchronous=NORMAL) in a
// temp dir, seeds SEED users with one live session each, and describes the requests to send:
// `POST /v1/sessions/authenticate` with a random seeded `session_token` (MODE=token) or `session_jwt`
// (MODE=jwt), Basic project credentials, and a fresh JWT minted on every call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser, loadConfig, newFactor, projectContext, startServer, startSession } from '@tessera/server';

const { PORT, INFO, MODE = 'token', SEED = '10000' } = process.env;
if (!PORT || !INFO) throw new Error('PORT and INFO are required');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
const server = await startServer(
  loadConfig({ TESSERA_HOST: '127.0.0.1', TESSERA_PORT: PORT, TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'warn' }),
);
const { project, secret } = server.createdProject;
const ctx = projectContext(server.runtime.deps, project);

const variants = [];
for (let i = 0; i < Number(SEED); i++) {
  const user = await createUser(ctx, { email: `bench-${i}@example.com`, name: { first_name: 'Ada', last_name: 'Lovelace' } });
  const s = await startSession(ctx, user, newFactor('password', 'knowledge', Date.now()), { session_duration_minutes: 7 * 24 * 60 });
  variants.push({ body: JSON.stringify(MODE === 'jwt' ? { session_jwt: s.session_jwt } : { session_token: s.session_token }) });
}

fs.writeFileSync(
  INFO,
  JSON.stringify({
    method: 'POST',
    path: '/v1/sessions/authenticate',
    headers: {
      authorization: 'Basic ' + Buffer.from(`${project.project_id}:${secret}`).toString('base64'),
      'content-type': 'application/json',
    },
    variants,
  }),
);
console.log(`tessera listening on ${server.url} (MODE=${MODE}, ${variants.length} sessions)`);

const stop = async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
