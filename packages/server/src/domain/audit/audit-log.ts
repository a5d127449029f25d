/**
 * The audit log's writer: entries are queued and written in batches off the request path (every 200 ms, or
 * at once past 200 waiting), so an audited API write answers without waiting for its audit row; `flush()`
 * waits for everything queued (the CLI before it exits, the server when it closes). A batch that cannot
 * be written is retried with the next one; past 10,000 waiting entries the oldest are dropped and the
 * loss is logged (the database has been failing for a while by then).
 *
 * @module
 */
import crypto from 'node:crypto';
import type { Clock } from '@tessera/core';
import type { Logger } from '../../log.js';
import type { AuditRecord, AuditStore } from '../../store/audit-stores.js';

export type AuditEntry = Omit<AuditRecord, 'audit_id' | 'at' | 'details'> & { details?: Record<string, string> };

const FLUSH_EVERY_MS = 200;
const BATCH = 200;
const MAX_WAITING = 10_000;

/** Time-sortable ids: the time in ms, then randomness (two entries of one millisecond keep a stable order). */
export function auditId(at: number): string {
  return `audit-${String(at).padStart(13, '0')}-${crypto.randomBytes(6).toString('hex')}`;
}

export class AuditLog {
  #queue: AuditRecord[] = [];
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #dropped = 0;

  constructor(
    private readonly store: AuditStore,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Queues an entry (never throws, never waits). */
  record(entry: AuditEntry): void {
    const at = this.clock();
    this.#queue.push({ ...entry, details: entry.details ?? {}, audit_id: auditId(at), at });
    if (this.#queue.length > MAX_WAITING) {
      this.#dropped += this.#queue.length - MAX_WAITING;
      this.#queue.splice(0, this.#queue.length - MAX_WAITING);
    }
    if (this.#queue.length >= BATCH) void this.#write();
    else this.#timer ??= setTimeout(() => void this.#write(), FLUSH_EVERY_MS).unref();
  }

  /** Writes everything queued so far (retrying once a failed batch); resolves when it is stored or logged as lost. */
  async flush(): Promise<void> {
    await this.#write();
    if (this.#queue.length > 0) await this.#write();
  }

  async #write(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#writing) await this.#writing;
    if (this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#queue.length);
    this.#writing = (async () => {
      try {
        for (let i = 0; i < batch.length; i += 500) await this.store.append(batch.slice(i, i + 500));
        if (this.#dropped > 0) {
          this.log.error({ dropped: this.#dropped }, 'audit log entries were lost while the database refused writes');
          this.#dropped = 0;
        }
      } catch (err) {
        // Put back in front for the next attempt (the store ignores an id it already has).
        this.#queue.unshift(...batch);
        this.log.warn({ err: err instanceof Error ? err.message : String(err), waiting: this.#queue.length }, 'could not write the audit log; retrying');
        this.#timer ??= setTimeout(() => void this.#write(), 1_000).unref();
      } finally {
        this.#writing = null;
      }
    })();
    await this.#writing;
  }
}
