import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { i18nFlags } from './vite.config.ts';

/** Tests of SQLite-specific behaviour (the file, WAL) that have no PostgreSQL counterpart. */
// The demo's 35,000-response seed is one long PostgreSQL transaction; it holds the cluster's snapshot
// horizon back, which pauses pulls and score folds in test files running beside it.
const sqliteOnlyTests = ['tests/server/database.test.ts', 'tests/server/demo-published-round.test.ts'];

export default defineConfig({
  plugins: [vue()],
  define: i18nFlags,
  test: {
    projects: [
      { extends: true, test: { name: 'shared', include: ['tests/shared/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'app',
          include: ['tests/app/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/helpers/app/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The client sync engine in Node (fake-indexeddb) against real servers, some behind a faulty proxy.
          name: 'sync',
          include: ['tests/sync/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/sync/setup.ts'],
          fileParallelism: false,
          testTimeout: 360_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          // The demo data seeded once into a SQLite file that each test copies.
          globalSetup: ['tests/helpers/server/global-setup.ts'],
          testTimeout: 20_000,
        },
      },
      // The same server suite on PostgreSQL, whenever a test database is configured (CI always does).
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'server-pg',
                include: ['tests/server/**/*.test.ts'],
                exclude: sqliteOnlyTests,
                environment: 'node',
                env: { TEST_DB: 'postgres' },
                // The demo data seeded once into a schema that each test clones.
                globalSetup: ['tests/helpers/server/global-setup.ts'],
                testTimeout: 20_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium for the project and the published demo round seeded once (tests/helpers/e2e/global-setup.ts).
          globalSetup: ['tests/helpers/e2e/global-setup.ts'],
          // One file at a time: the machine has two cores, the e2e tests start their own server, and
          // scripts/run-tests.mjs runs this project beside all the others.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
