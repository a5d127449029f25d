/**
 * RFC 3339 UTC with second precision (`2025-11-12T10:35:49Z`), the form real Stytch responses use.
 *
 * A session response formats a dozen timestamps; `Date#toISOString` allocates a Date and a string each time.
 * The date part changes once a day, so it is cached for the few days a response touches and only the
 * time of day is computed. Years outside 0000-9999 take the Date path (toISOString widens them).
 */
export function rfc3339(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const iso = new Date(day * 86_400_000).toISOString();
    if (iso.length !== 24) return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    prefix = iso.slice(0, 11);
    if (dayPrefixes.size >= 64) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const s = seconds - day * 86_400;
  const h = (s / 3600) | 0;
  const m = ((s % 3600) / 60) | 0;
  const sec = s % 60;
  return `${prefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${sec < 10 ? '0' : ''}${sec}Z`;
}

const dayPrefixes = new Map<number, string>();

/** A source of the current time in epoch milliseconds; injected everywhere so tests can freeze it. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
