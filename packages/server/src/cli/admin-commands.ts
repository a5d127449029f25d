/**
 * `tessera admin`: the admin console's operator accounts. Passwords are read from standard input
 * (`--password-stdin`) or typed at a terminal without echo, never taken from the command line, where
 * other users could read them in the process list and shells keep them in their history.
 *
 * @module
 */
import type { Command } from 'commander';
import { AdminCredentialError, createAdmin, setAdminPassword } from '../domain/admin/create-admin.js';
import { AdminExistsError } from '../store/admin-stores.js';
import type { Runtime } from '../runtime.js';
import { recordCliWrite } from './audit-commands.js';
import { readStdin } from './stdin.js';

type WithRuntime = <T>(force: boolean | undefined, fn: (rt: Runtime) => Promise<T>) => Promise<T>;


/** Reads a line at the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let line = '';
      const onData = (text: string) => {
        for (const c of text) {
          if (c === '\r' || c === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(line);
          }
          if (c === '\u0003') {
            stdin.off('data', onData);
            return reject(new Error('cancelled'));
          }
          if (c === '\u007f' || c === '\b') line = line.slice(0, -1);
          else line += c;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

async function newPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new Error('no terminal to type the password at: pipe it in with --password-stdin');
  const first = await promptHidden('Password (at least 12 characters): ');
  const again = await promptHidden('Password again: ');
  if (first !== again) throw new Error('the two passwords differ');
  return first;
}

export function registerAdminCommands(program: Command, withRuntime: WithRuntime, force: readonly [string, string]): void {
  const admin = program.command('admin').description('operator accounts of the admin console (/admin)');
  admin
    .command('create <username>')
    .description('create an operator account (the console is off until one exists); the password is read from stdin or typed')
    .option('--password-stdin', 'read the password from standard input')
    .option(...force)
    .action(async (username: string, opts: { passwordStdin?: boolean; force?: boolean }) => {
      const password = await newPassword(opts.passwordStdin);
      await withRuntime(opts.force, async (rt) => {
        try {
          const created = await createAdmin(rt.deps, username, password);
          recordCliWrite(rt, 'admin.create', null, username);
          console.log(JSON.stringify({ admin_id: created.admin_id, username: created.username, console: '/admin' }));
        } catch (err) {
          if (err instanceof AdminCredentialError || err instanceof AdminExistsError) throw new Error(err.message);
          throw err;
        }
      });
    });
  admin
    .command('password <username>')
    .description("replace an operator's password (ends their lock and console sessions)")
    .option('--password-stdin', 'read the password from standard input')
    .option(...force)
    .action(async (username: string, opts: { passwordStdin?: boolean; force?: boolean }) => {
      const password = await newPassword(opts.passwordStdin);
      await withRuntime(opts.force, async (rt) => {
        try {
          if (!(await setAdminPassword(rt.deps, username, password))) throw new Error(`no operator named ${username}`);
          recordCliWrite(rt, 'admin.password', null, username);
        } catch (err) {
          if (err instanceof AdminCredentialError) throw new Error(err.message);
          throw err;
        }
        console.log(JSON.stringify({ username, password: 'replaced' }));
      });
    });
  admin
    .command('list')
    .description('list the operator accounts')
    .option(...force)
    .action(async (opts: { force?: boolean }) => {
      await withRuntime(opts.force, async (rt) => {
        for (const a of await rt.deps.stores.admins.list()) {
          console.log(JSON.stringify({ username: a.username, admin_id: a.admin_id, created_at: new Date(a.created_at).toISOString(), locked: a.lock_expires_at !== null && a.lock_expires_at > rt.deps.clock() }));
        }
      });
    });
  admin
    .command('remove <username>')
    .description('delete an operator account and end its console sessions')
    .option(...force)
    .action(async (username: string, opts: { force?: boolean }) => {
      await withRuntime(opts.force, async (rt) => {
        if (!(await rt.deps.stores.admins.remove(username))) throw new Error(`no operator named ${username}`);
        recordCliWrite(rt, 'admin.remove', null, username);
        console.log(JSON.stringify({ username, removed: true }));
      });
    });
}
