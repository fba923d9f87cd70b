import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One runner for the whole repo. `npm test` runs every project on SQLite and PGlite (in-process
// PostgreSQL); CI adds the real PostgreSQL server with LPDESK_TEST_DIALECTS=postgres.
const webConfig = 'packages/web/vitest.config.ts';

// Core, server and CLI test files share one module graph per worker (`isolate: false`): importing the core
// afresh for each of ~150 files cost more than the tests themselves. They can: every test opens its own
// database and core, and nothing keeps state in module scope that a test relies on. The web tests keep
// isolation (jsdom and Mantine's portals live in the module graph).
const shared = { isolate: false, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores, a single worker on a 2-core box; the tests wait on
    // databases and child processes often enough that one per core is faster.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts', 'packages/contracts/src/**/*.test.ts'], ...shared } },
      { test: { name: 'server', include: ['packages/server/src/**/*.test.ts'], ...shared } },
      {
        test: {
          name: 'cli',
          include: ['packages/cli/src/**/*.test.ts'],
          globalSetup: ['packages/cli/src/testing/build-bundle.ts'],
          ...shared,
          testTimeout: 120_000,
        },
      },
      ...(existsSync(webConfig) ? [webConfig] : []),
    ],
  },
});
