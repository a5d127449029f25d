import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:reliability`: the long reliability runs (`*.long.test.ts`: kill -9 under load, 10,000
 * malformed requests), which `npm test` leaves out. Files run one at a time: each loads the machine.
 * (Spread, not `mergeConfig`, which would concatenate `include` with the default suite's.)
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['packages/*/test/**/*.long.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: [],
    fileParallelism: false,
    testTimeout: 900_000,
  },
});
