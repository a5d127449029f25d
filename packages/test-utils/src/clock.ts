import type { Clock } from '@tessera/core';

/**
 * A clock for tests: follows real time until `set` or `advance`, then stays where it was put
 * (`set` freezes; `advance` moves the frozen or live time by an offset). `reset` returns to real time.
 */
export class TestClock {
  #frozen: number | null = null;
  #offset = 0;

  readonly fn: Clock = () => (this.#frozen ?? Date.now()) + this.#offset;

  now(): number {
    return this.fn();
  }

  set(ms: number): void {
    this.#frozen = ms;
    this.#offset = 0;
  }

  advance(ms: number): void {
    this.#offset += ms;
  }

  reset(): void {
    this.#frozen = null;
    this.#offset = 0;
  }
}
