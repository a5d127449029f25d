import { ApiError } from '../../errors.js';

/** The longest single advance of a test clock: 400 days, past the longest session (366 days). */
export const MAX_ADVANCE_MS = 400 * 86_400_000;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** What a test-clock advance takes: `"90s"`, `"10m"`, `"2h"`, `"7d"`, or `{ seconds: 600 }`. */
export type AdvanceDuration = string | { seconds?: unknown };

const invalid = () =>
  new ApiError(
    'invalid_argument',
    'duration must be a whole number followed by s, m, h or d (e.g. "90s", "10m", "2h", "7d"), or { "seconds": n }; positive and at most 400 days.',
  );

/** The duration in ms; `invalid_argument` unless it is a positive whole number of seconds up to 400 days. */
export function parseAdvanceDuration(input: AdvanceDuration): number {
  let ms: number;
  if (typeof input === 'string') {
    const m = /^([0-9]{1,12})([smhd])$/.exec(input.trim());
    if (!m) throw invalid();
    ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  } else {
    const seconds = input.seconds;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds)) throw invalid();
    ms = seconds * 1000;
  }
  if (!(ms > 0 && ms <= MAX_ADVANCE_MS)) throw invalid();
  return ms;
}
