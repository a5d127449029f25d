/**
 * Resolves the project secret: a string, a KV namespace binding and key, or a function of the bindings
 * (a Workers secret binding).
 *
 * @module
 */
import type { EdgeEnv, SecretSource } from './options.js';

interface KvGet {
  get(key: string): Promise<string | null>;
}

export async function resolveSecret(source: SecretSource, env: EdgeEnv): Promise<string> {
  let secret: string | null | undefined;
  if (typeof source === 'string') secret = source;
  else if (typeof source === 'function') secret = await source(env);
  else {
    const kv = env[source.kv] as KvGet | undefined;
    if (!kv || typeof kv.get !== 'function') throw new TypeError(`No KV namespace binding named "${source.kv}" for the secret`);
    secret = await kv.get(source.key);
  }
  if (typeof secret !== 'string' || secret === '') throw new TypeError('The project secret resolved to nothing');
  return secret;
}
