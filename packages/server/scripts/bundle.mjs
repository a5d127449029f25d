#!/usr/bin/env node
// Bundles the built CLI (dist/cli/main.js) and the password worker into dist/bundle/, the files the
// `tessera` binary and `npm start` run. Why: a cold start spends most of its time loading modules one
// file at a time (typebox, kysely, fastify and Tessera's own: about 1,300 ES modules, ~0.7 s on the 2-vCPU
// dev box); one file each loads in a fraction of that. The unbundled dist/ stays the package's library
// entry (`import ... from '@tessera/server'`).
//
// Left out of the bundle, loaded from node_modules at run time: the native modules (better-sqlite3,
// @node-rs/argon2, pg-native), and zxcvbn's language packs, which strength.ts requires lazily on purpose.
// The worker is bundled next to main.js as worker.js, where spawn-worker.ts looks for it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = await esbuild.build({
  absWorkingDir: pkg,
  entryPoints: { main: 'dist/cli/main.js', worker: 'dist/crypto/password/pool/worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', '@node-rs/argon2', 'pg-native', 'esbuild', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'],
  // CommonJS dependencies inside an ES module bundle still call require() and read __dirname.
  banner: {
    js: [
      "import { createRequire as __tesseraCreateRequire } from 'node:module';",
      "import { fileURLToPath as __tesseraFileURLToPath } from 'node:url';",
      'const require = __tesseraCreateRequire(import.meta.url);',
      'const __filename = __tesseraFileURLToPath(import.meta.url);',
      "const __dirname = __tesseraFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
const sizes = Object.entries(result.metafile.outputs).map(([f, o]) => `${path.basename(f)} ${(o.bytes / 1024 / 1024).toFixed(1)} MB`);
console.log(`bundled ${inputs} modules into dist/bundle: ${sizes.join(', ')}`);
