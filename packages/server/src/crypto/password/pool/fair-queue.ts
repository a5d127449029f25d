/**
 * `FairQueue<T>`: one FIFO per key (a project), served in rounds, bounded per key and in total.
 *
 * It is start-time fair queuing with unit costs: every item gets a round number, `max(current round, the
 * round after its key's previous item)`, and `shift()` takes the item with the lowest round, the oldest
 * first among equals. In effect each key with waiting items gets one item per round:
 *
 * - a key that arrives while another has a backlog of 60 is served next, not after the 60 (its first item
 *   gets the current round, the backlog's next item the round after);
 * - a key cannot jump the line by draining and refilling: its next item gets the round after its last one,
 *   which ties with the others' next items, and the older item wins the tie;
 * - turns are remembered only while the work goes on: once the owner reports it idle (`idle()`: nothing
 *   waiting, nothing running), every key starts afresh.
 *
 * So a project storming with slow hashes delays another project's job by at most the jobs already running
 * (one per worker). Bounds: `push` refuses an item when its key already has `perKey` waiting, or when
 * `total` are waiting in all; an item handed out by `shift` no longer counts.
 *
 * @module
 */

export type PushResult = 'queued' | 'key_full' | 'full';

interface Entry<T> {
  readonly item: T;
  readonly round: number;
  readonly seq: number;
}

interface KeyState<T> {
  readonly entries: Entry<T>[];
  /** The round after this key's latest item: its next item's round is at least this. */
  nextRound: number;
}

export class FairQueue<T> {
  private readonly keys = new Map<string, KeyState<T>>();
  /** Round of the item most recently handed out; never decreases. */
  private round = 0;
  private seq = 0;
  private waiting = 0;

  constructor(
    readonly perKey: number,
    readonly total: number,
  ) {
    if (!(Number.isInteger(perKey) && perKey >= 1 && Number.isInteger(total) && total >= 1)) {
      throw new RangeError('FairQueue bounds must be positive integers');
    }
  }

  /** Items waiting, in all or for one key. */
  get length(): number {
    return this.waiting;
  }

  lengthOf(key: string): number {
    return this.keys.get(key)?.entries.length ?? 0;
  }

  push(key: string, item: T): PushResult {
    let state = this.keys.get(key);
    if (state && state.entries.length >= this.perKey) return 'key_full';
    if (this.waiting >= this.total) return 'full';
    if (!state) this.keys.set(key, (state = { entries: [], nextRound: 0 }));
    const round = Math.max(this.round, state.nextRound);
    state.nextRound = round + 1;
    state.entries.push({ item, round, seq: this.seq++ });
    this.waiting++;
    return 'queued';
  }

  /** The next item by round, then age; undefined when nothing waits. */
  shift(): { key: string; item: T } | undefined {
    let bestKey: string | undefined;
    let best: Entry<T> | undefined;
    for (const [key, state] of this.keys) {
      const head = state.entries[0];
      if (!head) {
        // An idle key is forgotten once its next round is no later than the current one: it would get
        // the current round anyway. This keeps the map to the keys that matter.
        if (state.nextRound <= this.round) this.keys.delete(key);
        continue;
      }
      if (!best || head.round < best.round || (head.round === best.round && head.seq < best.seq)) {
        best = head;
        bestKey = key;
      }
    }
    if (!best || bestKey === undefined) return undefined;
    this.keys.get(bestKey)!.entries.shift();
    this.waiting--;
    this.round = best.round;
    return { key: bestKey, item: best.item };
  }

  /**
   * Nothing waits and nothing handed out is still running: past turns no longer count, so a key that was
   * served while the pool was otherwise idle is not held back later. (Keys with waiting items keep theirs.)
   */
  idle(): void {
    for (const [key, state] of this.keys) if (state.entries.length === 0) this.keys.delete(key);
  }

  /** Removes and returns every waiting item (used on close). */
  drain(): T[] {
    const all: Entry<T>[] = [];
    for (const state of this.keys.values()) all.push(...state.entries);
    this.keys.clear();
    this.waiting = 0;
    return all.sort((a, b) => a.seq - b.seq).map((e) => e.item);
  }
}
