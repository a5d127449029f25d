/**
 * The process's logger. `startServer` makes one and hands it to both the HTTP app (Fastify logs through it)
 * and the runtime, so what the stores report off the request path (write-behind failures) lands in the same
 * log stream, at the same level, as the requests.
 *
 * @module
 */
import { pino, type Logger as PinoLogger } from 'pino';

/** The part of a pino logger the stores use: `(fields, message)` at three levels. */
export interface Logger {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

/**
 * Log fields that are censored wherever they appear at the top level or one level down. Not `code`: an
 * error's `code` (SQLITE_BUSY, ECONNREFUSED) is what an operator needs, and no OTP code is logged.
 */
export const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  ...['password', 'secret', 'session_token', 'session_jwt', 'token', 'intermediate_session_token', 'authorization', 'master_key'].flatMap((f) => [f, `*.${f}`]),
];

/** A pino logger at `level` (one of config's log levels) to `stream`, stdout by default. */
export function createLogger(level: string, stream?: NodeJS.WritableStream): PinoLogger {
  // Basic auth headers, cookies and bodies never reach the logs; nothing logs a request body today, and
  // should a field of one (or of a record) ever be logged, the fields that hold secrets are censored
  // (test/security/logs-no-secrets.test.ts checks a whole scenario at trace level).
  const options = { level, redact: { paths: REDACTED, censor: '[redacted]' } };
  return stream ? pino(options, stream) : pino(options);
}

interface ChildCapable {
  child(bindings: object, options?: object): unknown;
}
type PinoLike = Record<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', (...args: unknown[]) => void> & ChildCapable & { level: string };

/**
 * The per-request logger Fastify gets (`childLoggerFactory`): the pino child bound to the request id is made
 * on the request's first log call, not for every request. A pino child costs a few microseconds (bindings
 * serialised, redaction set up) and almost no request logs anything; this costs one small object.
 */
class LazyChildLogger {
  #child: PinoLike | undefined;

  constructor(
    private readonly parent: ChildCapable,
    private readonly bindings: object,
    private readonly options: object,
  ) {}

  #real(): PinoLike {
    return (this.#child ??= this.parent.child(this.bindings, this.options) as PinoLike);
  }

  fatal(...args: unknown[]): void {
    this.#real().fatal(...args);
  }
  error(...args: unknown[]): void {
    this.#real().error(...args);
  }
  warn(...args: unknown[]): void {
    this.#real().warn(...args);
  }
  info(...args: unknown[]): void {
    this.#real().info(...args);
  }
  debug(...args: unknown[]): void {
    this.#real().debug(...args);
  }
  trace(...args: unknown[]): void {
    this.#real().trace(...args);
  }
  silent(): void {}
  child(bindings: object, options?: object): unknown {
    return this.#real().child(bindings, options);
  }
  get level(): string {
    return this.#real().level;
  }
  set level(value: string) {
    this.#real().level = value;
  }
}

/** Fastify's `childLoggerFactory` signature: (parent, bindings, options). */
export function lazyChildLogger(logger: ChildCapable, bindings: object, options: object): unknown {
  return new LazyChildLogger(logger, bindings, options);
}
