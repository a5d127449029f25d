/**
 * `tessera audit`: the audit log, newest first; and `recordCliWrite`, with which the CLI's own writes
 * (projects, keys, origins, policies, operators...) enter it as actor `cli:<os user>`.
 *
 * @module
 */
import os from 'node:os';
import type { Command } from 'commander';
import { parseDuration } from '../config.js';
import { queryAudit } from '../domain/audit/query-audit.js';
import type { Runtime } from '../runtime.js';

type WithRuntime = <T>(force: boolean | undefined, fn: (rt: Runtime) => Promise<T>) => Promise<T>;

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

/** Records a write the CLI made (flushed when the runtime closes). */
export function recordCliWrite(rt: Runtime, action: string, projectId: string | null, target: string | null, details?: Record<string, string>): void {
  rt.deps.audit.record({ actor_type: 'cli', actor_id: `cli:${osUser()}`, project_id: projectId, action: `cli.${action}`, target, ip: null, request_id: null, status: 200, details });
}

/** `--since`: an RFC 3339 time, or a duration back from now (`90m`, `7d`). */
function sinceOption(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const ago = parseDuration(value);
  if (ago !== null) return now - ago;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new Error(`--since takes an RFC 3339 time or a duration like 90m or 7d; got ${JSON.stringify(value)}`);
  return at;
}

export function registerAuditCommands(program: Command, withRuntime: WithRuntime, force: readonly [string, string]): void {
  program
    .command('audit')
    .description('the audit log: every write made with a project secret, in the admin console or with this CLI, newest first')
    .option('--project <project_id>', 'only this project')
    .option('--actor <id>', 'only this actor: a secret id, an operator, or cli:<user>')
    .option('--action <prefix>', 'only actions starting with this ("POST /v1/users", "admin.", "cli.keys")')
    .option('--since <time>', 'only entries since an RFC 3339 time or a duration ago (90m, 7d)')
    .option('--limit <n>', 'how many (1-1000)', '50')
    .option('--json', 'one JSON object per entry')
    .option(...force)
    .action(async (opts: { project?: string; actor?: string; action?: string; since?: string; limit: string; json?: boolean; force?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('--limit takes a whole number from 1 to 1000');
      await withRuntime(opts.force, async (rt) => {
        const entries = await queryAudit(rt.deps, {
          project_id: opts.project,
          actor_id: opts.actor,
          action_prefix: opts.action,
          since: sinceOption(opts.since, rt.deps.clock()),
          limit,
        });
        if (opts.json) {
          for (const e of entries) console.log(JSON.stringify(e));
          return;
        }
        if (entries.length === 0) console.log('no audit entries');
        for (const e of entries) {
          // A CLI actor's id already reads cli:<user>.
          const actor = e.actor_id.startsWith(`${e.actor_type}:`) ? e.actor_id : `${e.actor_type}:${e.actor_id}`;
          console.log([e.at, actor, e.action, e.target ?? '-', e.project_id ?? '-', e.ip ?? '-', e.status].join('  '));
        }
      });
    });
}
