import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:postgres`: the server's HTTP-level files that start their server with `useServer()`
 * (packages/server/test/compat/helpers.ts), run again over PostgreSQL (`TESSERA_TEST_DIALECT=postgres`: each
 * file gets a throwaway PostgreSQL 15 cluster). The list is every test file that calls `useServer(`, so a
 * file that adopts it is picked up here too. `npm test` runs the same files over SQLite.
 */
const root = 'packages/server/test';
const files = (fs.readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.long.test.ts'))
  .map((f) => path.join(root, f))
  .filter((f) => fs.readFileSync(f, 'utf8').includes('useServer('));

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: files,
    exclude: ['**/node_modules/**'],
    globalSetup: [],
    env: { TESSERA_TEST_DIALECT: 'postgres' },
  },
});
