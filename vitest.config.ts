import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['dev-source'] },
  ssr: { resolve: { conditions: ['dev-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The long reliability runs have their own command, `npm run test:reliability` (vitest.reliability.config.ts).
    exclude: ['**/node_modules/**', '**/*.long.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Says in one line when Chromium (the system package `chromium`) is missing; the e2e files then fail.
    globalSetup: ['e2e/global-setup.ts'],
    // DOM tests (`// @vitest-environment happy-dom`) run on a page of a loopback dev origin, which test
    // projects accept for their frontend API (CORS).
    environmentOptions: { happyDOM: { url: 'http://localhost:3000' } },
  },
});
