// Fixture config for ../next-edge.test.ts. Everything resolves from the repo root's node_modules
// (next, react, @tessera/node -> packages/node/dist), so the root is Turbopack's root too.
//
// No tsconfig.json on purpose: with one, `next build` requires @types/react, which the repo does not
// install, and would try to `npm install` it (editing the root package.json; offline it fails). Without
// one, and with .jsx pages, Next skips its TypeScript setup; SWC still compiles middleware.ts.
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test passes its own dir under .next/ so concurrent runs in one tree never share a build.
  distDir: process.env.TESSERA_NEXT_DIST_DIR || '.next',
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  // Source maps name the files actually bundled (packages/*/dist), not the TS sources behind them: the test
  // reads them to check that the middleware bundled the built @tessera/node.
  experimental: { turbopackInputSourceMaps: false },
};

export default nextConfig;
