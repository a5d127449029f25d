import { describe, expect, it } from 'vitest';
import { ClockSkewMonitor } from './clock-skew.js';

const date = (ms: number) => new Date(ms).toUTCString();

describe('ClockSkewMonitor', () => {
  it('bounds the skew by the Date resolution and the round trip', () => {
    const m = new ClockSkewMonitor({ warn: () => {} });
    const sent = 1_700_000_000_000;
    // Server wrote "Date: <sent + 10 s>" (truncated to the second) during a 200 ms round trip.
    const skew = m.observe(date(sent + 10_000), sent, sent + 200)!;
    expect(skew).toEqual({ skewMs: 10_000 + 500 - 100, uncertaintyMs: 600, measuredAt: sent + 200 });
    expect(m.current).toBe(skew);
  });

  it('ignores a missing or unparsable header, and a negative round trip', () => {
    const m = new ClockSkewMonitor({ warn: () => {} });
    expect(m.observe(null, 0, 1)).toBeUndefined();
    expect(m.observe('yesterday-ish', 0, 1)).toBeUndefined();
    expect(m.observe(date(0), 10, 5)).toBeUndefined();
    expect(m.current).toBeUndefined();
    expect(m.exceeds()).toBe(false);
  });

  it('exceeds only when the whole interval lies beyond the tolerance', () => {
    const m = new ClockSkewMonitor({ toleranceMs: 5_000, warn: () => {} });
    const t = 1_700_000_000_000;
    m.observe(date(t + 5_000), t, t); // skew 5.5 s ± 0.5 s: [5.0, 6.0] touches 5 s
    expect(m.exceeds()).toBe(false);
    m.observe(date(t + 6_000), t, t); // [6.0, 7.0]
    expect(m.exceeds()).toBe(true);
    m.observe(date(t - 7_000), t, t); // [-7.0, -6.0]
    expect(m.exceeds()).toBe(true);
    expect(m.exceeds(10_000)).toBe(false);
  });

  it('warns once, on the first observation beyond the tolerance', () => {
    const warnings: string[] = [];
    const m = new ClockSkewMonitor({ toleranceMs: 1_000, warn: (w) => warnings.push(w) });
    const t = 1_700_000_000_000;
    m.observe(date(t), t, t + 10);
    expect(m.warned).toBe(false);
    m.observe(date(t - 60_000), t, t + 10);
    m.observe(date(t - 120_000), t, t + 10);
    expect(m.warned).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('about 59.5 s (± 0.5 s) ahead of the server');
  });

  it('rejects a negative tolerance', () => {
    expect(() => new ClockSkewMonitor({ toleranceMs: -1 })).toThrow(TypeError);
  });
});
