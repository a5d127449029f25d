/** RFC 3339 UTC with second precision (`2025-11-12T10:35:49Z`), the form real Stytch responses use. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A source of the current time in epoch milliseconds; injected everywhere so tests can freeze it. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
