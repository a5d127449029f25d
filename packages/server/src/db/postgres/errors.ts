/**
 * `isDatabaseUnavailable(err)`: whether an error means PostgreSQL could not be reached or answer in time, as
 * opposed to a bug or bad data. The HTTP layer answers those with 503 `service_unavailable`; the request may
 * be retried once the database is back (the pool reconnects by itself).
 *
 * @module
 */

/** Node socket errors on the way to (or from) the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** SQLSTATEs: admin/crash/cannot-connect-now shutdowns, and a statement cancelled by `statement_timeout`. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014', '53300']);

/** Messages `pg` gives errors that carry no code (pool and client timeouts, a connection ended under a query). */
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /connection timeout/i,
  /Query read timeout/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || SQLSTATES.has(code)) return true;
      // Class 08: connection exception.
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
    if (MESSAGES.some((m) => m.test(e instanceof Error ? e.message : ''))) return true;
  }
  return false;
}
