/**
 * The per-minute activity ring behind `Metrics.activity()` (the admin console's chart): 60 one-minute
 * slots on the injected clock, each holding what the counters were incremented by during that minute.
 * A slot is reused once its minute is an hour old; reading fills the minutes nothing happened in with zeros.
 *
 * @module
 */
import type { Clock } from '@tessera/core';

export interface ActivityMinute {
  /** Start of the minute, epoch ms. */
  start: number;
  authentications: { success: number; failure: number };
  failed_logins: number;
  lockouts: number;
}

export interface Activity {
  /** The last 60 minutes, oldest first, the current (partial) minute last. */
  minutes: ActivityMinute[];
  /** Active sessions now (cached ~10 s); null when the server has no database attached. */
  active_sessions: number | null;
}

const MINUTE = 60_000;
const SLOTS = 60;

interface Slot {
  minute: number;
  success: number;
  failure: number;
  failedLogins: number;
  lockouts: number;
}

export class ActivityRing {
  readonly #slots: Slot[] = Array.from({ length: SLOTS }, () => ({ minute: -1, success: 0, failure: 0, failedLogins: 0, lockouts: 0 }));

  constructor(private readonly clock: Clock) {}

  #current(): Slot {
    const minute = Math.floor(this.clock() / MINUTE);
    const slot = this.#slots[minute % SLOTS]!;
    if (slot.minute !== minute) {
      slot.minute = minute;
      slot.success = slot.failure = slot.failedLogins = slot.lockouts = 0;
    }
    return slot;
  }

  authentication(result: 'success' | 'failure'): void {
    this.#current()[result]++;
  }

  failedLogin(): void {
    this.#current().failedLogins++;
  }

  lockout(): void {
    this.#current().lockouts++;
  }

  minutes(): ActivityMinute[] {
    const now = Math.floor(this.clock() / MINUTE);
    const out: ActivityMinute[] = [];
    for (let minute = now - SLOTS + 1; minute <= now; minute++) {
      const slot = this.#slots[minute % SLOTS]!;
      const s = slot.minute === minute ? slot : null;
      out.push({
        start: minute * MINUTE,
        authentications: { success: s?.success ?? 0, failure: s?.failure ?? 0 },
        failed_logins: s?.failedLogins ?? 0,
        lockouts: s?.lockouts ?? 0,
      });
    }
    return out;
  }
}
