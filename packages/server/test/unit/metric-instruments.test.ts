// metrics/instruments.ts against prom-client: the same recordings print the same exposition text.
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram } from '../../src/metrics/instruments.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];

function pair() {
  const theirs = new Registry();
  const ours = new Registry();
  const made = (registers: Registry[], Fast: boolean) => ({
    plain: Fast ? new FastCounter({ name: 'c_total', help: 'A "counter"\nwith help', registers }) : new Counter({ name: 'c_total', help: 'A "counter"\nwith help', registers }),
    labelled: Fast
      ? new FastCounter({ name: 'l_total', help: 'h', labelNames: ['route', 'status'], registers })
      : new Counter({ name: 'l_total', help: 'h', labelNames: ['route', 'status'], registers }),
    hist: Fast ? new FastHistogram({ name: 'h_seconds', help: 'h', buckets: BUCKETS, registers }) : new Histogram({ name: 'h_seconds', help: 'h', buckets: BUCKETS, registers }),
    lhist: Fast
      ? new FastHistogram({ name: 'lh_seconds', help: 'h', labelNames: ['route', 'alg'], buckets: BUCKETS, registers })
      : new Histogram({ name: 'lh_seconds', help: 'h', labelNames: ['route', 'alg'], buckets: BUCKETS, registers }),
  });
  return { theirs, ours, a: made([theirs], false), b: made([ours], true) };
}

describe('metric instruments', () => {
  it('print nothing recorded as prom-client does (unlabelled at zero, labelled absent)', async () => {
    const { theirs, ours } = pair();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('print the same text after the same recordings, bucket edges, label escaping and child order included', async () => {
    const { theirs, ours, a, b } = pair();
    const values = [0, 0.001, 0.0011, 0.01, 0.5, 1, 1.5, 42, 0.00099];
    for (const m of [a, b]) {
      m.plain.inc();
      m.plain.inc(2.5);
      m.labelled.labels('/v1/x', '200').inc();
      m.labelled.labels('/v1/"y"\\\n', '404').inc(3);
      m.labelled.labels('/v1/x', '200').inc();
      for (const v of values) {
        m.hist.observe(v);
        m.lhist.labels('/v1/b', 'RS256').observe(v);
      }
      m.lhist.labels('/v1/a', 'ES256').observe(0.05);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('h_seconds_bucket{le="0.001"} 3'); // 0, 0.00099 and 0.001: a bound is inclusive
    // Reset is as new (prom-client's own histogram then omits its unlabelled zeros until the next observation).
    ours.resetMetrics();
    expect(await ours.metrics()).toBe(await pair().theirs.metrics());
  });

  it('refuse a wrong number of label values, buckets out of order, and a counter going down', () => {
    const { b } = pair();
    expect(() => b.labelled.labels('/v1/x')).toThrow(/2 label values/);
    expect(() => new FastHistogram({ name: 'x', help: 'h', buckets: [0.1, 0.01], registers: [] })).toThrow(/ascend/);
    expect(() => b.plain.inc(-1)).toThrow(/cannot be incremented/);
    expect(() => b.labelled.labels('/v1/x', '200').inc(Number.NaN)).toThrow(/cannot be incremented/);
  });
});
