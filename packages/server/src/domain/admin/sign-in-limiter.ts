/**
 * Sign-in attempts per client address, in fixed windows held in memory. Each account's lockout is kept in
 * the database and shared by every instance; this limit is per process, a brake on one address guessing
 * across many usernames (with N instances an address gets N times the limit).
 *
 * @module
 */
import type { Clock } from '@tessera/core';

const MAX_ADDRESSES = 10_000;

export class SignInLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rule: { readonly limit: number; readonly windowMs: number },
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt; returns the ms until the window ends when the address is over its limit, else 0. */
  hit(address: string): number {
    const now = this.clock();
    const start = now - (now % this.rule.windowMs);
    let w = this.#windows.get(address);
    if (!w || w.start !== start) {
      if (this.#windows.size >= MAX_ADDRESSES) this.#windows.clear();
      w = { start, count: 0 };
      this.#windows.set(address, w);
    }
    w.count += 1;
    return w.count > this.rule.limit ? start + this.rule.windowMs - now : 0;
  }
}
