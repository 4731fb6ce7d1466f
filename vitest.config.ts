import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { i18nFlags } from './vite.config.ts';

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
          setupFiles: ['tests/helpers/app-setup.ts'],
        },
      },
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the machine has two cores and the e2e tests start their own server.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
