import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// One runner for the whole repo. `npm test` runs every project on SQLite and PGlite (in-process
// PostgreSQL); CI adds the real PostgreSQL server with LPDESK_TEST_DIALECTS=postgres.
const webConfig = 'packages/web/vitest.config.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts', 'packages/contracts/src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'server', include: ['packages/server/src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'cli', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      ...(existsSync(webConfig) ? [webConfig] : []),
    ],
  },
});
