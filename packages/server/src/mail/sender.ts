/**
 * The mail sender: with `TESSERA_SMTP_URL` set, the server runs one. It is the runtime's
 * {@link MailDelivery} (`mode: 'smtp'`, so flows queue their messages), and a loop that claims due
 * messages from the outbox, renders and sends them, and records the outcome:
 *
 * - sent: `markSent` wipes the sealed payload (link, code) from the database;
 * - failed: `markRetry` with backoff (domain/mail/delivery-policy.ts), logged at warn with the message id
 *   and the recipient's domain only; after the last attempt, or a permanent refusal, `markFailed`,
 *   logged at error and shown by `tessera outbox`. Never silently dropped.
 *
 * A claim is a lease (`claimDue` moves `next_attempt_at` ahead): a crash mid-send leaves the message to be
 * tried again after the lease. The loop also polls, so messages queued by another process or before a
 * restart go out, and now and then purges expired outbox rows and one-time tokens.
 *
 * @module
 */
import type { Deps } from '../domain/context.js';
import { composeMail } from '../domain/mail/compose-mail.js';
import { describeFailure, isPermanentFailure, recipientDomain, retryDelayMs } from '../domain/mail/delivery-policy.js';
import type { MailDelivery } from '../domain/mail/message.js';
import { purgeExpiredMail } from '../domain/mail/purge-expired.js';
import type { Logger } from '../log.js';
import type { OutboxRecord } from '../store/email-stores.js';
import type { MailTransport } from './smtp-transport.js';

export interface MailSenderOptions {
  transport: MailTransport;
  /** `TESSERA_MAIL_FROM`, for projects that set no sender of their own. */
  defaultFrom: string;
  /** `TESSERA_SMTP_MAX_ATTEMPTS`. */
  maxAttempts: number;
  log: Logger;
  /** How often the outbox is checked without a wake-up (default 2 s). */
  pollMs?: number;
  /** How long a claimed message is left to this sender before another may try it (default 2 min). */
  leaseMs?: number;
  /** Messages claimed at once (default 10). */
  batch?: number;
  /** How often expired outbox rows and one-time tokens are deleted (default 10 min). */
  purgeEveryMs?: number;
  /** Longest wait for an in-flight send when closing (default 5 s); after it the lease takes over. */
  closeTimeoutMs?: number;
}

type SenderDeps = Pick<Deps, 'stores' | 'master' | 'clock'>;

export class MailSender implements MailDelivery {
  readonly mode = 'smtp' as const;
  readonly #opts: Required<MailSenderOptions>;
  #deps: SenderDeps | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closing = false;
  #lastPurge = 0;

  constructor(opts: MailSenderOptions) {
    this.#opts = { pollMs: 2_000, leaseMs: 120_000, batch: 10, purgeEveryMs: 600_000, closeTimeoutMs: 5_000, ...opts };
  }

  /** Starts the loop over the runtime's stores (made after this object, which the runtime needs first). */
  start(deps: SenderDeps): void {
    if (this.#deps) throw new Error('the mail sender is already started');
    this.#deps = deps;
    this.#timer = setInterval(() => this.notify(), this.#opts.pollMs);
    this.#timer.unref();
    this.notify();
  }

  /** Wakes the loop (a message was queued); coalesced with a pass under way. */
  notify(): void {
    if (!this.#deps || this.#closing) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#again = false;
    this.#running = this.#pass().finally(() => {
      this.#running = null;
      // Woken while the pass was past its last claim (purging): go again.
      if (this.#again) this.notify();
    });
  }

  /** Resolves once no pass is under way (tests; the loop itself never waits). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /**
   * Stops the loop: waits for the message being sent (at most `closeTimeoutMs`), then closes the SMTP
   * transport. A send abandoned here is retried after its lease by the next sender.
   */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#running) {
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([this.#running, new Promise<void>((r) => (timeout = setTimeout(r, this.#opts.closeTimeoutMs)))]);
      clearTimeout(timeout);
    }
    this.#opts.transport.close();
  }

  async #pass(): Promise<void> {
    const deps = this.#deps!;
    try {
      do {
        this.#again = false;
        const due = await deps.stores.outbox.claimDue(deps.clock(), this.#opts.batch, this.#opts.leaseMs);
        for (const row of due) {
          if (this.#closing) return;
          await this.#deliver(deps, row);
        }
        if (due.length === this.#opts.batch) this.#again = true;
      } while (this.#again && !this.#closing);
      await this.#purge(deps);
    } catch (err) {
      // The database is unavailable (or closing): the next poll tries again.
      if (!this.#closing) this.#opts.log.error({ err: describeFailure(err) }, 'mail sender: could not read the outbox');
    }
  }

  async #deliver(deps: SenderDeps, row: OutboxRecord): Promise<void> {
    const { log, maxAttempts, transport, defaultFrom } = this.#opts;
    const fields = { message_id: row.message_id, project_id: row.project_id, kind: row.kind, recipient_domain: recipientDomain(row.recipient) };
    let mail;
    try {
      mail = await composeMail(deps, row, defaultFrom);
    } catch (err) {
      // A payload that does not open (another master key) can never be sent.
      const error = `could not open or render the message: ${describeFailure(err)}`;
      await deps.stores.outbox.markFailed(row.message_id, row.attempts, error, deps.clock());
      log.error({ ...fields, attempts: row.attempts, error }, 'mail delivery failed');
      return;
    }
    if (!mail) {
      await deps.stores.outbox.markFailed(row.message_id, row.attempts, 'the project or the message is gone', deps.clock());
      return;
    }
    try {
      await transport.send(mail);
    } catch (err) {
      const attempts = row.attempts + 1;
      const error = describeFailure(err);
      if (attempts >= maxAttempts || isPermanentFailure(err)) {
        await deps.stores.outbox.markFailed(row.message_id, attempts, error, deps.clock());
        log.error({ ...fields, attempts, error }, 'mail delivery failed; not trying again (tessera outbox lists it)');
      } else {
        const delay = retryDelayMs(attempts);
        await deps.stores.outbox.markRetry(row.message_id, attempts, deps.clock() + delay, error);
        log.warn({ ...fields, attempts, retry_in_ms: delay, error }, 'mail delivery failed; will try again');
      }
      return;
    }
    await deps.stores.outbox.markSent(row.message_id, deps.clock());
    log.info({ ...fields, attempts: row.attempts + 1 }, 'mail sent');
  }

  async #purge(deps: SenderDeps): Promise<void> {
    const now = deps.clock();
    if (now - this.#lastPurge < this.#opts.purgeEveryMs) return;
    this.#lastPurge = now;
    const { messages, tokens } = await purgeExpiredMail(deps);
    if (messages || tokens) this.#opts.log.info({ messages, tokens }, 'purged expired outbox messages and one-time tokens');
  }
}
