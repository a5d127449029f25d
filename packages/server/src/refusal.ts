/**
 * `StartupRefusal`: Tessera will not open its database as configured (a wrong or missing master key, a key
 * file others can read). The message is one line for the operator, printed without a stack trace; the CLI
 * exits 2, as for a configuration error, since restarting cannot help.
 *
 * @module
 */
export class StartupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupRefusal';
  }
}

/** Receives one line of operator-facing output (`warning: ...`, `notice: ...`). */
export type Report = (line: string) => void;

export const reportToStderr: Report = (line) => {
  process.stderr.write(`tessera: ${line}\n`);
};
