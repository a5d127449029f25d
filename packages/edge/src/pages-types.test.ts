import { describe, expectTypeOf, it } from 'vitest';
import tesseraPlugin, { type PluginData } from './pages.js';

// The shapes of @cloudflare/workers-types' EventContext / PagesFunction (not installed here).
interface EventContext<Env, Data> {
  request: Request;
  functionPath: string;
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  next(input?: Request | string, init?: RequestInit): Promise<Response>;
  env: Env;
  params: Record<string, string | string[]>;
  data: Data;
}
type PagesFunction<Env = unknown, Data extends Record<string, unknown> = Record<string, unknown>> = (
  context: EventContext<Env, Data>,
) => Response | Promise<Response>;

describe('types', () => {
  it('the plugin is a PagesFunction for any Env, as the official one', () => {
    interface Env {
      STYTCH_SECRET: string;
    }
    const a: PagesFunction = tesseraPlugin({ project_id: 'p', secret: 's', env: 'http://h/v1/' });
    const b: PagesFunction<Env> = tesseraPlugin({ project_id: 'p', secret: (env) => env.STYTCH_SECRET as string, env: 'http://h/v1/' });
    expectTypeOf(a).toBeFunction();
    expectTypeOf(b).toBeFunction();
    expectTypeOf<PluginData['stytch']['session']['session']['session_id']>().toEqualTypeOf<string>();
  });
});
