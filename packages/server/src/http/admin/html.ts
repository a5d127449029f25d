/**
 * HTML for the admin console: a tagged template that escapes every interpolated value unless it is
 * already `Html` (made by this template or by `raw`). Arrays are joined. Nothing user-supplied reaches a
 * page unescaped, and the console's CSP forbids scripts altogether.
 *
 * @module
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup this module's callers built themselves (never user input). */
export function raw(text: string): Html {
  return new Html(text);
}

/** An ISO time, shortened for tables (UTC, to the second); empty for null. */
export function when(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  const d = typeof ms === 'string' ? new Date(ms) : new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}
