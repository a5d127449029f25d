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

/** A pino logger at `level` (one of config's log levels) to `stream`, stdout by default. */
export function createLogger(level: string, stream?: NodeJS.WritableStream): PinoLogger {
  // Basic auth headers, cookies and bodies never reach the logs.
  const options = { level, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  return stream ? pino(options, stream) : pino(options);
}
