// next, react and the @tessera/* packages (their built dist/) resolve from the repo root's node_modules
// (npm workspaces), so the repo root is Turbopack's root too.
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e tests build into a directory of their own (.next/e2e-*) so they never share one with `npm run example`.
  distDir: process.env.EXAMPLE_DIST_DIR || '.next',
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
};

export default nextConfig;
