/**
 * The rules of mail delivery, apart from the loop that applies them (mail/sender.ts): when a failed
 * message is tried again, and which failures are final.
 *
 * @module
 */

const BASE_MS = 5_000;
const CAP_MS = 15 * 60_000;

/**
 * How long to wait before attempt `attempts + 1`, after `attempts` failed ones: 5 s·2^(attempts-1), capped
 * at 15 minutes, ±20 % jitter so messages that failed together (an SMTP outage) do not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * A failure that another attempt cannot fix: the SMTP server answered a 5xx to the envelope or the message
 * (recipient unknown, message refused). Connection, timeout, authentication and 4xx failures are retried:
 * they pass, or the operator fixes the server's settings and restarts.
 */
export function isPermanentFailure(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown };
  return (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
}

/**
 * The error as one line for the log and the outbox row (`last_error`), without the mail's content; an
 * address the SMTP server echoes (`550 <ada@example.com>: no such user`) keeps only its domain.
 */
export function describeFailure(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  return `${code}${message}`
    .replace(/\s+/g, ' ')
    .replace(/[^\s<>"'@:;,()]+@([A-Za-z0-9.-]+)/g, '…@$1')
    .slice(0, 500);
}

/** The part of an address after the last `@`: all a log line says of a recipient. */
export const recipientDomain = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
