/**
 * `spawnWorker(entry)`: starts a password worker thread from wherever this module runs.
 *
 * - Built (`dist/`): the entry is `worker.js` next to this file, an ordinary ES module.
 * - From the TypeScript sources (vitest resolves `@tessera/server` to `src/` through the `dev-source`
 *   export condition): Node 20 cannot load `.ts`, so the worker starts with a small bootstrap that
 *   registers module hooks (`module.register`, inside the worker only) which transpile `.ts` files with
 *   esbuild and map the sources' `./x.js` imports to `./x.ts`. esbuild is a devDependency of the repository
 *   root; the built server never takes this path.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The worker module next to this one: `worker.js` when built, `worker.ts` from source. */
export const DEFAULT_WORKER_ENTRY = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

export function spawnWorker(entry: URL = DEFAULT_WORKER_ENTRY): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  return new Worker(BOOTSTRAP, { eval: true, workerData: { hooks: tsHooks(), entry: entry.href } });
}

// Runs as a CommonJS script inside the worker: registers the hooks, then loads the entry.
const BOOTSTRAP = `
const { register } = require('node:module');
const { workerData } = require('node:worker_threads');
register(workerData.hooks);
import(workerData.entry).catch((error) => { console.error(error); process.exit(1); });
`;

let hooksUrl: string | undefined;

function tsHooks(): string {
  if (hooksUrl) return hooksUrl;
  const esbuild = pathToFileURL(createRequire(import.meta.url).resolve('esbuild')).href;
  const source = `
import esbuild from ${JSON.stringify(esbuild)};
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent && parent.startsWith('file:') && parent.endsWith('.ts') && /^\\.{1,2}\\//.test(specifier) && specifier.endsWith('.js')) {
    const ts = new URL(specifier.slice(0, -3) + '.ts', parent);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const file = fileURLToPath(url);
    const { code } = esbuild.transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file, sourcemap: 'inline' });
    return { format: 'module', source: code, shortCircuit: true };
  }
  return next(url, context);
}
`;
  return (hooksUrl = `data:text/javascript,${encodeURIComponent(source)}`);
}
