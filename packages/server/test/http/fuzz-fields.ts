import { expect, it } from 'vitest';
import type { AnyRoute } from '../../src/http/route.js';
import type { Send } from './send.js';

const deep = JSON.parse('{"d":'.repeat(2000) + '1' + '}'.repeat(2000));

/** Values of every JSON type, and hostile ones, tried in place of each body field. */
export const BAD_VALUES: unknown[] = [42, -1, 1.5, 1e308, true, null, {}, [], [1, 'a', null], { a: { b: [] } }, '', 'x'.repeat(20_000), '\u0000\u202e', '../../etc', deep];

/**
 * One test per POST/PUT route: every body field (and an unknown one), given every bad value on top of an
 * otherwise valid body, gets a Stytch-shaped answer below 500 (`send` checks the shape of every answer).
 */
export function fuzzBodyFields(
  routes: AnyRoute[],
  ctx: { send: () => Send; base: Record<string, () => Record<string, unknown>>; path: (url: string) => string },
): void {
  for (const r of routes.filter((route) => route.method === 'POST' || route.method === 'PUT')) {
    const key = `${r.method} ${r.url}`;
    it(`${key}: every body field, given every wrong type, answers a Stytch-shaped answer below 500`, async () => {
      const base = ctx.base[key] ?? (() => ({}));
      const fields = [...Object.keys((r.body as { properties?: object } | undefined)?.properties ?? {}), 'unknown_extra'];
      for (const field of fields) {
        for (const bad of BAD_VALUES) {
          const res = await ctx.send()(r.method, ctx.path(r.url), { ...base(), [field]: bad });
          expect([field, bad === deep ? 'deep' : bad, res.status < 500]).toEqual([field, bad === deep ? 'deep' : bad, true]);
        }
      }
    });
  }
}
