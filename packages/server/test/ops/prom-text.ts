/**
 * A small parser of the Prometheus text exposition format (version 0.0.4), enough for tests to read
 * exact values: every sample with its labels, and each family's declared TYPE.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
  /** The one sample of `name` whose labels include `labels`; throws when there is none or more than one. */
  value(name: string, labels?: Record<string, string>): number;
  /** Like `value`, 0 when no sample matches (a labelled counter appears only once incremented). */
  valueOr0(name: string, labels?: Record<string, string>): number;
  /** Every sample of `name`. */
  all(name: string): Sample[];
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  if (re.lastIndex !== text.length && text.trim() !== '') throw new Error(`unparsable labels: {${text}}`);
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  // Prometheus reads values with Go's ParseFloat, which takes NaN in any case; prom-client writes `Nan`
  // (the event-loop lag percentiles between two close scrapes).
  if (text.toLowerCase() === 'nan') return NaN;
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`bad sample value ${text}`);
  return n;
}

export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const t = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (t) types.set(t[1]!, t[2]!);
      else if (!line.startsWith('# HELP ')) throw new Error(`unexpected comment line: ${line}`);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!m) throw new Error(`unparsable sample line: ${line}`);
    samples.push({ name: m[1]!, labels: parseLabels(m[2] ?? ''), value: parseValue(m[3]!) });
  }
  const matching = (name: string, labels: Record<string, string>) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  const value = (name: string, labels: Record<string, string> = {}) => {
    const found = matching(name, labels);
    if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
    return found[0]!.value;
  };
  return {
    samples,
    types,
    value,
    valueOr0: (name, labels = {}) => (matching(name, labels).length === 0 ? 0 : value(name, labels)),
    all: (name) => samples.filter((s) => s.name === name),
  };
}
