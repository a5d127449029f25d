import { redactDatabaseUrl, redactSmtpUrl, type Config } from '../config.js';
import { startServer } from '../server.js';

/**
 * `tessera start`: listens, prints how to use the dev project, and shuts down cleanly on SIGINT/SIGTERM.
 * The banner goes to stdout, which often ends in journald or a container log: it prints a project secret
 * only when this start generated it, never one the operator passed in (`TESSERA_SECRET`).
 */
export async function runStart(config: Config, opts: { force: boolean }): Promise<void> {
  const server = await startServer(config, { force: opts.force });
  const { deps } = server.runtime;
  const out: string[] = [
    `Tessera listening on ${server.url}`,
    `  database: ${redactDatabaseUrl(config.databaseUrl)}`,
    config.smtpUrl !== undefined
      ? `  mail:     SMTP ${redactSmtpUrl(config.smtpUrl)} (from ${config.mailFrom})`
      : '  mail:     local outbox (`npx tessera outbox` prints it; set TESSERA_SMTP_URL to send)',
    // The token itself is never printed.
    ...(server.metricsUrl !== null ? [`  metrics:  ${server.metricsUrl}/metrics, /healthz, /readyz (no token: keep this port private)`] : []),
    ...(config.metricsToken !== undefined ? [`  metrics:  ${server.url}/metrics with Authorization: Bearer <TESSERA_METRICS_TOKEN>`] : []),
  ];
  if (server.runtime.masterKeyCreated && config.masterKey.kind === 'data-dir') {
    out.push(`  master key created in ${config.masterKey.path} (keep it apart from the database; losing it logs everyone out)`);
  }
  if (server.createdProject) {
    const p = server.createdProject;
    out.push(
      '',
      ...(server.generatedSecret !== null
        ? ['Created a project. Its secret is shown only this once:', `  project_id:   ${p.project.project_id}`, `  secret:       ${server.generatedSecret}`]
        : ['Created a project with the secret in TESSERA_SECRET:', `  project_id:   ${p.project.project_id}`]),
      `  public_token: ${p.public_token}`,
    );
  } else {
    out.push('', 'Projects (secrets are shown only when created; `npx tessera project create` makes another):');
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
