#!/usr/bin/env node
/**
 * The `tessera` command. With `main.ts` in the same folder's siblings, the only code that reads
 * `process.env` and argv.
 *
 * @module
 */
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { StartupRefusal } from '../refusal.js';
import { createProject } from '../domain/projects/create-project.js';
import { rotateKeys } from '../domain/projects/rotate-keys.js';
import { SIGNING_ALGS, isSigningAlg, type SigningAlg } from '../crypto/jwt-signing.js';
import { keyAlg } from '../crypto/key-ring.js';
import { openRuntime } from '../runtime.js';
import { runStart } from './start.js';
import { registerAdminCommands } from './admin-commands.js';
import { recordCliWrite, registerAuditCommands } from './audit-commands.js';
import { registerBackupCommands } from './backup-commands.js';
import { registerMasterKeyCommands } from './master-key-commands.js';
// --- B2B ---
import fs from 'node:fs';
import { ERROR_REGISTRY } from '@tessera/core';
import { projectContext } from '../domain/context.js';
import { ApiError } from '../domain/errors.js';
import { setRbacPolicy } from '../domain/b2b/rbac/set-policy.js';
import { advanceTestClock } from '../domain/projects/test-clock/advance-test-clock.js';
import { resetTestClock } from '../domain/projects/test-clock/reset-test-clock.js';
import { showTestClock } from '../domain/projects/test-clock/show-test-clock.js';
import type { TestClockView } from '../domain/projects/test-clock/test-clock-view.js';
import { MAIL_KINDS } from '../domain/mail/render.js';
import { listMailTemplates, removeMailTemplate, setMailTemplate } from '../domain/mail/mail-templates.js';
import { updateMailSettings } from '../domain/mail/update-mail-settings.js';
import { readOutbox } from '../domain/mail/read-outbox.js';
import { formatOutboxEntry } from './outbox.js';
import { addProjectOrigin, listProjectOrigins, removeProjectOrigin, updateProjectSdkSettings } from '../domain/sdk/project-sdk-settings.js';


function config() {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** `--force` only accepts a master key file that group or others can access; it never accepts a wrong key. */
const FORCE = ['--force', 'accept a master key file that group or others can access (a warning instead of a refusal)'] as const;

/** `--alg`: the signing profile; RS256 is Stytch's and the default, ES256 and EdDSA sign ~10× faster. */
const ALG = ['--alg <alg>', `the signing algorithm of session JWTs: ${SIGNING_ALGS.join(' | ')} (RS256 is what Stytch uses)`] as const;

function signingAlgOption(value: string | undefined): SigningAlg | undefined {
  if (value === undefined) return undefined;
  if (!isSigningAlg(value)) throw new Error(`--alg takes ${SIGNING_ALGS.join(', ')}; got ${JSON.stringify(value)}`);
  return value;
}

async function withRuntime<T>(force: boolean | undefined, fn: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>): Promise<T> {
  const rt = await openRuntime(config(), undefined, { force: force ?? false });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

async function projectIdOrOnly(rt: Awaited<ReturnType<typeof openRuntime>>, given: string | undefined): Promise<string> {
  if (given) return given;
  const all = await rt.deps.stores.projects.list();
  if (all.length !== 1) throw new Error(`there are ${all.length} projects; name one with --project <project_id>`);
  return all[0]!.project_id;
}

const program = new Command('tessera').description('Tessera: self-hostable, Stytch-compatible session authentication');

program
  .command('start')
  .description('start the server (TESSERA_HOST, TESSERA_PORT, TESSERA_DATABASE_URL, ...)')
  .option(...FORCE)
  .action(async (opts: { force?: boolean }) => {
    await runStart(config(), { force: opts.force ?? false });
  });

const project = program.command('project').description('manage projects');
project
  .command('create')
  .description('create a project and print its id, secret (shown once) and public token as JSON')
  .option('--name <name>', 'display name', 'Tessera project')
  .option('--live', 'a live project (ids with -live-) instead of test')
  .option(...ALG)
  .option(...FORCE)
  .action(async (opts: { name: string; live?: boolean; alg?: string; force?: boolean }) => {
    const signing_alg = signingAlgOption(opts.alg);
    await withRuntime(opts.force, async (rt) => {
      const p = await createProject(rt.deps, { name: opts.name, env: opts.live ? 'live' : 'test', signing_alg });
      recordCliWrite(rt, 'project.create', p.project.project_id, p.project.project_id, { env: p.project.env });
      console.log(JSON.stringify({ project_id: p.project.project_id, secret: p.secret, public_token: p.public_token }, null, 2));
    });
  });
project
  .command('list')
  .description('list projects with their public tokens')
  .option(...FORCE)
  .action(async (opts: { force?: boolean }) => {
    await withRuntime(opts.force, async (rt) => {
      for (const p of await rt.deps.stores.projects.list()) {
        console.log(JSON.stringify({ project_id: p.project_id, name: p.name, public_tokens: await rt.deps.stores.projects.publicTokens(p.project_id) }));
      }
    });
  });

// --- frontend API (/sdk/v1) ---
async function sdkCommand(force: boolean | undefined, fn: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<unknown>): Promise<void> {
  await withRuntime(force, async (rt) => {
    try {
      console.log(JSON.stringify(await fn(rt)));
    } catch (err) {
      if (err instanceof ApiError) throw new Error(err.hasMessage ? err.message : ERROR_REGISTRY[err.type][1]);
      throw err;
    }
  });
}
const origins = project
  .command('origins')
  .description('browser origins allowed to call the frontend API (/sdk/v1); test projects also allow http://localhost:* and http://127.0.0.1:*');
origins
  .command('add <origin>')
  .description('allow an origin: scheme://host[:port], no path (takes effect within 5 seconds)')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (origin: string, opts: { project?: string; force?: boolean }) => {
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const added = await addProjectOrigin(rt.deps, id, origin);
      recordCliWrite(rt, 'project.origin.add', id, added.origin);
      return { project_id: id, ...added };
    });
  });
origins
  .command('remove <origin>')
  .description('stop allowing an origin')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (origin: string, opts: { project?: string; force?: boolean }) => {
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const removed = await removeProjectOrigin(rt.deps, id, origin);
      recordCliWrite(rt, 'project.origin.remove', id, removed.origin);
      return { project_id: id, ...removed };
    });
  });
origins
  .command('list')
  .description('list the allowed origins')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (opts: { project?: string; force?: boolean }) => {
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      return { project_id: id, origins: await listProjectOrigins(rt.deps, id) };
    });
  });
project
  .command('cookies')
  .description('HttpOnly session cookies set by the frontend API (the API and the app must be on one site)')
  .requiredOption('--http-only <on|off>', 'on: tokens only in HttpOnly cookies, empty in the JSON; off: Stytch behaviour')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (opts: { httpOnly: string; project?: string; force?: boolean }) => {
    if (opts.httpOnly !== 'on' && opts.httpOnly !== 'off') throw new Error('--http-only takes on or off');
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      recordCliWrite(rt, 'project.cookies', id, null, { http_only: opts.httpOnly });
      return { project_id: id, ...(await updateProjectSdkSettings(rt.deps, id, { http_only_cookies: opts.httpOnly === 'on' })) };
    });
  });
project
  .command('vertical <vertical>')
  .description('what /sdk/v1/projects/bootstrap reports as vertical: consumer or b2b')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (vertical: string, opts: { project?: string; force?: boolean }) => {
    const v = vertical.toUpperCase();
    if (v !== 'CONSUMER' && v !== 'B2B') throw new Error('vertical is consumer or b2b');
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      recordCliWrite(rt, 'project.vertical', id, null, { vertical: v });
      return { project_id: id, ...(await updateProjectSdkSettings(rt.deps, id, { vertical: v })) };
    });
  });

// --- mail ---
const mail = project.command('mail');
mail
  .description("the project's default link of each kind (used when a request names none) and its sender; prints them all")
  .option('--project <project_id>', 'the project (default: the only one)')
  .option('--login-url <url>', 'default login_magic_link_url / login_redirect_url ("" clears)')
  .option('--signup-url <url>', 'default signup URL')
  .option('--invite-url <url>', 'default invite URL')
  .option('--reset-url <url>', 'default password reset URL')
  .option('--discovery-url <url>', 'default B2B discovery URL')
  .option('--from <address>', 'the From of the project\'s mail, an address or "Name <address>" (default: TESSERA_MAIL_FROM)')
  .option(...FORCE)
  .action(async (opts: { project?: string; loginUrl?: string; signupUrl?: string; inviteUrl?: string; resetUrl?: string; discoveryUrl?: string; from?: string; force?: boolean }) => {
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const settings = await updateMailSettings(rt.deps, id, {
        login_redirect_url: opts.loginUrl,
        signup_redirect_url: opts.signupUrl,
        invite_redirect_url: opts.inviteUrl,
        reset_redirect_url: opts.resetUrl,
        discovery_redirect_url: opts.discoveryUrl,
        from_address: opts.from,
      });
      recordCliWrite(rt, 'project.mail', id, null);
      return { project_id: id, ...settings };
    });
  });
const templates = project.command('templates').description(`mail templates: {{link}}, {{code}}, {{expiration_minutes}}, {{expires_in}}, {{email}}, {{organization_name}}, {{project_name}}; the template named after a kind (${MAIL_KINDS.join(', ')}) is the project's default for it`);
templates
  .command('set <template_id>')
  .description('create or replace a template (a request picks it with login_template_id & co.)')
  .requiredOption('--kind <kind>', MAIL_KINDS.join(' | '))
  .requiredOption('--subject <subject>', 'one line, placeholders allowed')
  .requiredOption('--text-file <file>', 'the plain-text body')
  .option('--html-file <file>', 'the HTML body (placeholders are HTML-escaped); default: made from the text')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (templateId: string, opts: { kind: string; subject: string; textFile: string; htmlFile?: string; project?: string; force?: boolean }) => {
    const text = fs.readFileSync(opts.textFile, 'utf8');
    const html = opts.htmlFile === undefined ? null : fs.readFileSync(opts.htmlFile, 'utf8');
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const t = await setMailTemplate(rt.deps, id, { template_id: templateId, kind: opts.kind, subject: opts.subject, text, html });
      recordCliWrite(rt, 'project.template.set', id, t.template_id, { kind: t.kind });
      return { project_id: id, template_id: t.template_id, kind: t.kind, subject: t.subject, html: t.html !== null };
    });
  });
templates
  .command('list')
  .description("list the project's templates")
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (opts: { project?: string; force?: boolean }) => {
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const list = await listMailTemplates(rt.deps, id);
      return {
        project_id: id,
        templates: list.map((t) => ({ template_id: t.template_id, kind: t.kind, subject: t.subject, html: t.html !== null, updated_at: new Date(t.updated_at).toISOString() })),
      };
    });
  });
templates
  .command('remove <template_id>')
  .description('delete a template (its mail falls back to the default)')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (templateId: string, opts: { project?: string; force?: boolean }) => {
    await sdkCommand(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const removed = await removeMailTemplate(rt.deps, id, templateId);
      recordCliWrite(rt, 'project.template.remove', id, templateId);
      return { project_id: id, template_id: templateId, removed };
    });
  });

program
  .command('outbox')
  .description('print the newest mail of a project: local messages (no TESSERA_SMTP_URL) with their link or code, queued, sent and failed ones')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option('--to <address>', 'only messages to this email address or phone number (SMS/WhatsApp codes of test projects)')
  .option('--limit <n>', 'how many (1-500)', '10')
  .option('--json', 'one JSON object per message, rendered subject, text and HTML included')
  .option(...FORCE)
  .action(async (opts: { project?: string; to?: string; limit: string; json?: boolean; force?: boolean }) => {
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Error('--limit takes a whole number from 1 to 500');
    await withRuntime(opts.force, async (rt) => {
      const id = await projectIdOrOnly(rt, opts.project);
      const record = await rt.deps.stores.projects.get(id);
      if (!record) throw new Error(`no project ${id}`);
      const entries = await readOutbox(projectContext(rt.deps, record), { limit, to: opts.to, fromApi: false });
      if (opts.json) {
        for (const e of entries) console.log(JSON.stringify(e));
      } else {
        console.log(entries.length ? entries.map(formatOutboxEntry).join('\n\n') : `no messages in the outbox of ${id}`);
      }
    });
  });

program
  .command('keys')
  .description('signing keys')
  .command('rotate')
  .description('add a signing key: published in JWKS now, signing after TESSERA_KEY_ACTIVATION_DELAY_SECONDS (default 60)')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option('--immediate', 'start signing with the new key now')
  .option(ALG[0], `${ALG[1]}; default: the algorithm of the project's newest key`)
  .option(...FORCE)
  .action(async (opts: { project?: string; immediate?: boolean; alg?: string; force?: boolean }) => {
    const alg = signingAlgOption(opts.alg);
    await withRuntime(opts.force, async (rt) => {
      const key = await rotateKeys(rt.deps, await projectIdOrOnly(rt, opts.project), { immediate: opts.immediate ?? false, alg });
      recordCliWrite(rt, 'keys.rotate', key.project_id, key.kid, { alg: keyAlg(key) });
      console.log(JSON.stringify({ kid: key.kid, alg: keyAlg(key), project_id: key.project_id, activates_at: new Date(key.activates_at).toISOString() }));
    });
  });

program
  .command('migrate')
  .description('apply pending database migrations (all or nothing) and report them')
  .option(...FORCE)
  .action(async (opts: { force?: boolean }) => {
    await withRuntime(opts.force, async (rt) => {
      console.log(rt.migrated.length ? `applied: ${rt.migrated.join(', ')}` : 'database is up to date');
    });
  });

// --- B2B ---
program
  .command('rbac')
  .description('the B2B RBAC policy')
  .command('set <file>')
  .description('replace the project\'s RBAC policy with a JSON file: { "policy": { roles, resources, scopes } } or the policy itself; validated whole')
  .option('--project <project_id>', 'the project (default: the only one)')
  .option(...FORCE)
  .action(async (file: string, opts: { project?: string; force?: boolean }) => {
    const input = JSON.parse(fs.readFileSync(file, 'utf8')) as { policy?: unknown };
    await withRuntime(opts.force, async (rt) => {
      const project = await rt.deps.stores.projects.get(await projectIdOrOnly(rt, opts.project));
      if (!project) throw new Error(`no project ${opts.project}`);
      try {
        const policy = await setRbacPolicy(projectContext(rt.deps, project), input.policy ?? input);
        recordCliWrite(rt, 'rbac.set', project.project_id, null);
        console.log(JSON.stringify({ project_id: project.project_id, roles: policy.roles.map((r) => r.role_id), resources: policy.resources.map((r) => r.resource_id) }));
      } catch (err) {
        if (err instanceof ApiError) throw new Error(`the policy was refused (${err.type}): ${err.hasMessage ? err.message : ERROR_REGISTRY[err.type][1]}`);
        throw err;
      }
    });
  });

// --- test clock (issue #16) ---
/** The named project, else the only test project, else the first test project (oldest); live ones are refused. */
async function testClockCommand(
  force: boolean | undefined,
  given: string | undefined,
  fn: (ctx: ReturnType<typeof projectContext>) => Promise<TestClockView>,
  /** The audit log's action when the command changes the clock. */
  action?: string,
): Promise<void> {
  await withRuntime(force, async (rt) => {
    let project;
    if (given) {
      project = await rt.deps.stores.projects.get(given);
      if (!project) throw new Error(`no project ${given}`);
    } else {
      project = (await rt.deps.stores.projects.list()).find((p) => p.env === 'test');
      if (!project) throw new Error('there is no test project; the test clock is only available on test projects');
    }
    if (project.env !== 'test') throw new Error(`${project.project_id} is a live project; the test clock is only available on test projects`);
    try {
      console.log(JSON.stringify({ project_id: project.project_id, ...(await fn(projectContext(rt.deps, project))) }));
      if (action) recordCliWrite(rt, action, project.project_id, null);
    } catch (err) {
      if (err instanceof ApiError) throw new Error(err.hasMessage ? err.message : ERROR_REGISTRY[err.type][1]);
      throw err;
    }
  });
}
const clock = program
  .command('clock')
  .description("a test project's clock: move its time forward to test expiry without waiting (a running server sees it within about a second)");
clock
  .command('advance <duration>')
  .description('move the project\'s time forward by 90s, 10m, 2h, 7d, ... (at most 400 days at a time)')
  .option('--project <project_id>', 'the project (default: the only, or first, test project)')
  .option(...FORCE)
  .action(async (duration: string, opts: { project?: string; force?: boolean }) => {
    await testClockCommand(opts.force, opts.project, (ctx) => advanceTestClock(ctx, duration), 'clock.advance');
  });
clock
  .command('show')
  .description("print the project's clock offset (ms) and its time now")
  .option('--project <project_id>', 'the project (default: the only, or first, test project)')
  .option(...FORCE)
  .action(async (opts: { project?: string; force?: boolean }) => {
    await testClockCommand(opts.force, opts.project, (ctx) => showTestClock(ctx));
  });
clock
  .command('reset')
  .description("return the project's clock to real time (offset 0); what was written meanwhile keeps its times")
  .option('--project <project_id>', 'the project (default: the only, or first, test project)')
  .option(...FORCE)
  .action(async (opts: { project?: string; force?: boolean }) => {
    await testClockCommand(opts.force, opts.project, (ctx) => resetTestClock(ctx), 'clock.reset');
  });

registerAdminCommands(program, withRuntime, FORCE);
registerAuditCommands(program, withRuntime, FORCE);
registerBackupCommands(program, config);
registerMasterKeyCommands(program, config, withRuntime, FORCE);

// One line, no stack trace. A refusal (wrong or missing master key, a key file others can read) exits 2,
// like a configuration error: restarting the same way cannot succeed (systemd: RestartPreventExitStatus=2).
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`tessera: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof StartupRefusal ? 2 : 1);
});
