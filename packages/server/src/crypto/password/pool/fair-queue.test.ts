import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.js';

function drainOrder(q: FairQueue<string>): string[] {
  const out: string[] = [];
  for (let next = q.shift(); next; next = q.shift()) out.push(next.item);
  return out;
}

describe('FairQueue', () => {
  it('is FIFO within one key', () => {
    const q = new FairQueue<string>(10, 100);
    for (const item of ['a1', 'a2', 'a3']) q.push('A', item);
    expect(drainOrder(q)).toEqual(['a1', 'a2', 'a3']);
    expect(q.shift()).toBeUndefined();
  });

  it('serves keys with waiting items in rounds, one item each', () => {
    const q = new FairQueue<string>(10, 100);
    for (const item of ['b1', 'b2', 'b3']) q.push('B', item);
    for (const item of ['c1', 'c2']) q.push('C', item);
    q.push('D', 'd1');
    expect(drainOrder(q)).toEqual(['b1', 'c1', 'd1', 'b2', 'c2', 'b3']);
  });

  it('serves a key that arrives behind a backlog next, not after the backlog', () => {
    const q = new FairQueue<string>(100, 100);
    for (let i = 1; i <= 60; i++) q.push('B', `b${i}`);
    expect(q.shift()?.item).toBe('b1'); // running
    q.push('A', 'a1');
    expect(q.shift()).toEqual({ key: 'A', item: 'a1' });
    expect(q.shift()?.item).toBe('b2');
  });

  it('does not let a key jump the line by draining and refilling', () => {
    const q = new FairQueue<string>(100, 100);
    for (let i = 1; i <= 5; i++) q.push('B', `b${i}`);
    const served: string[] = [];
    // A submits its next item only once the previous one was handed out, every time.
    q.push('A', 'a1');
    let a = 1;
    while (served.length < 8) {
      const next = q.shift()!;
      served.push(next.item);
      if (next.key === 'A') q.push('A', `a${++a}`);
    }
    expect(served).toEqual(['b1', 'a1', 'b2', 'a2', 'b3', 'a3', 'b4', 'a4']);
  });

  it('gives newcomers one turn per round, so a stream of them cannot starve a backlog', () => {
    const q = new FairQueue<string>(100, 100);
    for (let i = 1; i <= 4; i++) q.push('C', `c${i}`);
    expect(q.shift()?.item).toBe('c1');
    // X and Y each come back with one item as soon as theirs is handed out.
    q.push('X', 'x1');
    q.push('Y', 'y1');
    const served: string[] = [];
    const count = { X: 1, Y: 1 };
    while (served.length < 9) {
      const next = q.shift()!;
      served.push(next.item);
      if (next.key === 'X' || next.key === 'Y') q.push(next.key, `${next.key.toLowerCase()}${++count[next.key]}`);
    }
    expect(served).toEqual(['x1', 'y1', 'c2', 'x2', 'y2', 'c3', 'x3', 'y3', 'c4']);
  });

  it('remembers turns until told idle(): a job served while the pool was idle does not hold its key back later', () => {
    const q = new FairQueue<string>(100, 100);
    q.push('A', 'a1');
    expect(q.shift()?.item).toBe('a1');
    q.push('A', 'a2');
    q.push('B', 'b1');
    expect(q.shift()?.item).toBe('b1'); // A already had its turn this round
    expect(q.shift()?.item).toBe('a2');
    q.idle(); // a2 finished: nothing waits or runs
    for (let i = 1; i <= 3; i++) q.push('B', `b${i}`);
    expect(q.shift()?.item).toBe('b1');
    q.push('A', 'a3');
    expect(drainOrder(q)).toEqual(['a3', 'b2', 'b3']);
  });

  it('refuses an item when its key has perKey waiting, while other keys still queue', () => {
    const q = new FairQueue<string>(2, 100);
    expect(q.push('B', 'b1')).toBe('queued');
    expect(q.push('B', 'b2')).toBe('queued');
    expect(q.push('B', 'b3')).toBe('key_full');
    expect(q.push('A', 'a1')).toBe('queued');
    expect([q.length, q.lengthOf('B'), q.lengthOf('A')]).toEqual([3, 2, 1]);
    q.shift(); // b1 handed out: B has room again
    expect(q.push('B', 'b3')).toBe('queued');
  });

  it('refuses an item when total items are waiting in all', () => {
    const q = new FairQueue<string>(2, 3);
    q.push('A', 'a1');
    q.push('B', 'b1');
    q.push('C', 'c1');
    expect(q.push('D', 'd1')).toBe('full');
    expect(q.length).toBe(3);
  });

  it('drain() returns every waiting item in arrival order and empties the queue', () => {
    const q = new FairQueue<string>(5, 10);
    q.push('B', 'b1');
    q.push('A', 'a1');
    q.push('B', 'b2');
    expect(q.drain()).toEqual(['b1', 'a1', 'b2']);
    expect([q.length, q.shift()]).toEqual([0, undefined]);
  });

  it('rejects bounds that are not positive integers', () => {
    expect(() => new FairQueue(0, 10)).toThrow(RangeError);
    expect(() => new FairQueue(1, 1.5)).toThrow(RangeError);
  });
});
