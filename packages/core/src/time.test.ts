import { describe, expect, it } from 'vitest';
import { rfc3339 } from './time.js';

const reference = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('rfc3339()', () => {
  it('matches Date#toISOString truncated to seconds, for random instants and edges', () => {
    const edges = [0, 999, 1000, -1, -1000, -1001, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59), Date.UTC(1969, 11, 31, 23, 59, 59, 500)];
    for (const ms of edges) expect(rfc3339(ms)).toBe(reference(ms));
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor((Math.random() - 0.3) * 4e12);
      expect(rfc3339(ms)).toBe(reference(ms));
    }
  });
  it('falls back for years outside 0000-9999', () => {
    const far = Date.UTC(12000, 0, 1);
    expect(rfc3339(far)).toBe(reference(far));
  });
});
