/**
 * The browser facilities the client uses, found once. `null` on a server (no `window`/`document`): there
 * the client keeps no state, starts no timer and sends no request, so rendering never touches the network.
 *
 * @module
 */

export interface BrowserEnv {
  document: Pick<Document, 'cookie'>;
  location: Pick<Location, 'hostname' | 'host'>;
  storage: Storage | null;
  /** A BroadcastChannel of that name, where the runtime has them. */
  channel(name: string): BroadcastChannel | null;
  /** Web Locks, where the runtime has them. */
  locks: LockManager | null;
  /** `window.addEventListener('storage', ...)`; returns the remover. */
  onStorage(listener: (e: StorageEvent) => void): () => void;
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage ?? null;
  } catch {
    return null; // blocked (third-party iframe, privacy mode)
  }
}

export function browserEnv(storage?: Storage): BrowserEnv | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager });
  return {
    document,
    location: window.location,
    storage: storage ?? localStorageOrNull(),
    channel: (name) => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null),
    locks: nav?.locks ?? null,
    onStorage(listener) {
      window.addEventListener('storage', listener);
      return () => window.removeEventListener('storage', listener);
    },
  };
}
