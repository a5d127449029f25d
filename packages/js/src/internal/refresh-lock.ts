/**
 * One refresh in flight across the tabs of a browser: a Web Lock taken with `ifAvailable` where the
 * browser has them, else a short lease in localStorage (best effort: two tabs racing within the same
 * millisecond may both refresh, which is harmless). A tab that does not get the lock skips its refresh;
 * the holder's result reaches it through cross-tab sync.
 *
 * @module
 */
import type { Timers } from '../options.js';
import type { BrowserEnv } from './env.js';

const LEASE_MS = 30_000;

/** Runs `fn` if no other tab is refreshing; resolves to whether it ran. */
export async function withRefreshLock(env: BrowserEnv, name: string, owner: string, timers: Timers, fn: () => Promise<void>): Promise<boolean> {
  if (env.locks) {
    return env.locks.request(name, { ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await fn();
      return true;
    });
  }
  const storage = env.storage;
  if (!storage) {
    await fn();
    return true;
  }
  const now = timers.now();
  const held = readLease(storage, name);
  if (held && held.owner !== owner && held.until > now) return false;
  storage.setItem(name, JSON.stringify({ owner, until: now + LEASE_MS }));
  if (readLease(storage, name)?.owner !== owner) return false;
  try {
    await fn();
  } finally {
    if (readLease(storage, name)?.owner === owner) storage.removeItem(name);
  }
  return true;
}

function readLease(storage: Storage, name: string): { owner: string; until: number } | null {
  try {
    const v = JSON.parse(storage.getItem(name) ?? 'null') as { owner?: unknown; until?: unknown } | null;
    return v && typeof v.owner === 'string' && typeof v.until === 'number' ? { owner: v.owner, until: v.until } : null;
  } catch {
    return null;
  }
}
