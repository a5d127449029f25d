import { describe, expect, it } from 'vitest';
import { RevocationList, REVOCATION_RETAIN_SECONDS } from './revocations.js';

describe('RevocationList', () => {
  it('applies replies, de-duplicates, prunes past retain_seconds', () => {
    let now = Date.UTC(2026, 0, 1);
    const list = new RevocationList({ now: () => now });
    expect(list.cursor).toBeUndefined();
    expect(list.staleness()).toBe(Infinity);
    const at = new Date(now).toISOString();
    list.apply({ revocations: [{ session_id: 'a', revoked_at: at }], cursor: 'c1', retain_seconds: REVOCATION_RETAIN_SECONDS });
    list.apply({ revocations: [{ session_id: 'a', revoked_at: at }, { session_id: 'b', revoked_at: at }], cursor: 'c2', retain_seconds: 360 });
    expect(list.cursor).toBe('c2');
    expect(list.lastSyncAt).toBe(now);
    expect(list.has('a') && list.has('b')).toBe(true);
    expect(list.has('c')).toBe(false);
    expect(list.size).toBe(2);
    now += 359_000;
    expect(list.has('a')).toBe(true);
    expect(list.staleness()).toBe(359_000);
    now += 1_000;
    expect(list.has('a')).toBe(false);
    expect(list.size).toBe(0);
  });
});
