/**
 * Starting a Tessera server in-process: the runtime, the first-start dev project, and the HTTP app
 * listening on the configured host and port. `cli/start.ts` and the test utilities both use it.
 *
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '@tessera/core';
import type { Config } from './config.js';
import { createProject, type CreatedProject } from './domain/projects/create-project.js';
import { seedProject } from './domain/projects/seed-project.js';
import { buildApp } from './http/app.js';
import { openRuntime, type OpenOptions, type Runtime } from './runtime.js';
import { createLogger, type Logger } from './log.js';
import { MailSender } from './mail/sender.js';
import { purgeExpiredMail } from './domain/mail/purge-expired.js';
import { purgeAudit } from './domain/audit/query-audit.js';
import type { Deps } from './domain/context.js';
import { Metrics } from './metrics/metrics.js';
import { buildOpsApp } from './http/ops-app.js';

const PURGE_EVERY_MS = 10 * 60_000;

async function purgeQuietly(deps: Deps, log: Logger): Promise<void> {
  try {
    const { messages, tokens } = await purgeExpiredMail(deps);
    if (messages || tokens) log.info({ messages, tokens }, 'purged expired outbox messages and one-time tokens');
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not purge expired outbox messages and one-time tokens');
  }
}

/** Deletes audit entries past the retention (at start, then every 10 minutes); a failure is logged and retried. */
async function purgeAuditQuietly(deps: Deps, retentionMs: number, log: Logger): Promise<void> {
  try {
    const purged = await purgeAudit(deps, retentionMs);
    if (purged) log.info({ purged }, 'purged audit log entries past their retention');
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not purge the audit log');
  }
}

async function warmUp(deps: Deps, log: Logger): Promise<void> {
  try {
    await deps.passwordPool.start();
  } catch (err) {
    // Not fatal: a failed worker start is retried by the first job, and reported by it.
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'warm-up after start failed');
  }
}

export interface StartedServer {
  readonly runtime: Runtime;
  readonly app: FastifyInstance;
  /** `http://host:port` */
  readonly url: string;
  /** The project created by this start (first start, or a new TESSERA_PROJECT_ID), secret included. */
  readonly createdProject: CreatedProject | null;
  /**
   * The created project's secret when this start generated it (the only secret the banner may print); null
   * when no project was created or its secret came from `TESSERA_SECRET`, which is never echoed.
   */
  readonly generatedSecret: string | null;
  /** The SMTP sender when `TESSERA_SMTP_URL` is set (null: mail stays in the local outbox). */
  readonly mailSender: MailSender | null;
  /**
   * Settles when the warm-up done after listening is over: the password workers loaded with their dummy
   * hash (zxcvbn's dictionaries are built by the first password check, see `checkPasswordStrength`).
   * Requests are served before it; a login that comes first waits for its worker. Tests await it so that
   * counters start from a quiet server.
   */
  readonly warmedUp: Promise<void>;
  /** The process's metrics (`/metrics`, and `activity()` for the admin console). */
  readonly metrics: Metrics;
  /** `http://host:port` of the metrics listener (`TESSERA_METRICS_PORT`); null when there is none. */
  readonly metricsUrl: string | null;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  opts: { clock?: Clock; logStream?: NodeJS.WritableStream } & Omit<OpenOptions, 'log' | 'observe' | 'onQuery'> = {},
): Promise<StartedServer> {
  // One logger for the process: Fastify logs requests through it, the stores their write-behind failures.
  const log = createLogger(config.logLevel, opts.logStream);
  // The sender is the runtime's MailDelivery, so it exists first; its loop starts once the stores do.
  // nodemailer is loaded only when there is SMTP to send through (it is not needed to answer requests).
  const mailSender =
    opts.mail === undefined && config.smtpUrl !== undefined
      ? new MailSender({
          transport: (await import('./mail/smtp-transport.js')).createSmtpTransport(config.smtpUrl),
          defaultFrom: config.mailFrom,
          maxAttempts: config.smtpMaxAttempts,
          log,
        })
      : null;
  // Made first: it times the runtime's queries and hears the domain's lockouts and JWT signatures.
  const metrics = new Metrics({ clock: opts.clock });
  let runtime;
  try {
    runtime = await openRuntime(config, opts.clock, {
      force: opts.force,
      report: opts.report,
      log,
      mail: opts.mail ?? mailSender ?? undefined,
      observe: metrics,
      onQuery: metrics.dbQuery,
    });
  } catch (err) {
    await mailSender?.close();
    throw err;
  }
  const { stores } = runtime.deps;
  metrics.attach({ activeSessions: (now) => stores.ops.countActiveSessions(now), writeBehindDepth: () => stores.ops.pendingWrites() });
  let opsApp: FastifyInstance | null = null;
  try {
    let createdProject: CreatedProject | null = null;
    let generatedSecret: string | null = null;
    if (config.seedProject) {
      createdProject = (await seedProject(runtime.deps, config.seedProject)).created;
      if (createdProject && config.seedProject.secret === undefined) generatedSecret = createdProject.secret;
    } else if ((await runtime.deps.stores.projects.list()).length === 0) {
      createdProject = await createProject(runtime.deps, { name: 'Development project' });
      generatedSecret = createdProject.secret;
    }
    const app = buildApp({
      deps: runtime.deps,
      projectAuth: runtime.projectAuth,
      bodyLimit: config.bodyLimit,
      logLevel: config.logLevel,
      logger: log,
      metrics,
      metricsToken: config.metricsToken,
      trustProxy: config.trustProxy,
      adminConsole: config.adminConsole ? { activity: () => metrics.activity() } : null,
    });
    await app.listen({ host: config.host, port: config.port });
    let metricsUrl: string | null = null;
    if (config.metricsPort !== undefined) {
      opsApp = buildOpsApp({ deps: runtime.deps, metrics, logger: log });
      await opsApp.listen({ host: config.metricsHost, port: config.metricsPort });
      const opsAddr = opsApp.server.address();
      metricsUrl = `http://${config.metricsHost}:${typeof opsAddr === 'object' && opsAddr ? opsAddr.port : config.metricsPort}`;
    }
    // Warm-up after listening, so the first request is answered within about a second of the process
    // starting (cold start): the password workers (threads, so the event loop stays free) and the dummy hash
    // unknown accounts are checked against, so that a user's first login pays for neither. zxcvbn's
    // dictionaries are not built here (about 22 MB of heap a session-only server never needs).
    const warmedUp = warmUp(runtime.deps, log);
    // Messages queued before this start (or by another process) go out now.
    mailSender?.start(runtime.deps);
    // Without SMTP the sender does not run; expired local mail and one-time tokens are still purged.
    const purgeTimer = mailSender ? null : setInterval(() => void purgeQuietly(runtime.deps, log), PURGE_EVERY_MS).unref();
    const auditPurged = purgeAuditQuietly(runtime.deps, config.auditRetentionMs, log);
    const auditTimer = setInterval(() => void purgeAuditQuietly(runtime.deps, config.auditRetentionMs, log), PURGE_EVERY_MS).unref();
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    return {
      runtime,
      app,
      url: `http://${config.host}:${port}`,
      createdProject,
      generatedSecret,
      mailSender,
      metrics,
      metricsUrl,
      warmedUp,
      async close() {
        if (purgeTimer) clearInterval(purgeTimer);
        clearInterval(auditTimer);
        await auditPurged;
        await warmedUp;
        await opsApp?.close();
        await app.close();
        // Before the database closes: the send under way finishes (or is left to its lease).
        await mailSender?.close();
        await runtime.close();
      },
    };
  } catch (err) {
    await opsApp?.close();
    await mailSender?.close();
    await runtime.close();
    throw err;
  }
}
