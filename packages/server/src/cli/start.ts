import type { Config } from '../config.js';
import { startServer } from '../server.js';

/** `tessera start`: listens, prints how to use the dev project, and shuts down cleanly on SIGINT/SIGTERM. */
export async function runStart(config: Config): Promise<void> {
  const server = await startServer(config);
  const { deps } = server.runtime;
  const out: string[] = [`Tessera listening on ${server.url}`, `  database: ${config.databaseUrl}`];
  if (server.runtime.masterKeyCreated) out.push(`  master key created in ${config.dataDir}/master.key (keep it; losing it logs everyone out)`);
  if (server.createdProject) {
    const p = server.createdProject;
    out.push(
      '',
      'Created a project. Its secret is shown only this once:',
      `  project_id:   ${p.project.project_id}`,
      `  secret:       ${p.secret}`,
      `  public_token: ${p.public_token}`,
    );
  } else {
    out.push('', 'Projects (secrets are shown only when created; `npm run tessera -- project create` makes another):');
    for (const p of await deps.stores.projects.list()) {
      out.push(`  project_id:   ${p.project_id}`, `  public_token: ${(await deps.stores.projects.publicTokens(p.project_id))[0] ?? '(none)'}`);
    }
  }
  out.push('', `Use it from Node: new stytch.Client({ project_id, secret, env: "${server.url}/" })`);
  console.log(out.join('\n'));

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
