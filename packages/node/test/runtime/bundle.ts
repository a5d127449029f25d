/**
 * Bundles a runtime-test entry with esbuild for a non-Node platform. Any `node:` import (or bare Node
 * builtin) anywhere in the graph fails the build: that is the proof the code path has none.
 */
import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';

const BUILTINS = new Set(builtinModules);

const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.split('/')[0]!;
      if (args.path.startsWith('node:') || BUILTINS.has(args.path) || BUILTINS.has(bare)) {
        return { errors: [{ text: `Node builtin "${args.path}" imported by ${args.importer}` }] };
      }
      return undefined;
    });
  },
};

export interface Bundle {
  code: string;
  inputs: string[];
}

export async function bundle(entry: string, platform: 'neutral' | 'browser'): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    // Resolve workspace packages to their sources, as vitest does; `worker`/`browser` as a Worker bundler would.
    conditions: ['dev-source', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}
