import { defineConfig } from 'vitest/config';

// Integration tests run twice, once per database dialect, so every query is proven on both.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'web/src/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'simulator', include: ['test/simulator/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/integration/**/*.test.ts', 'test/hardening/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/integration/**/*.test.ts', 'test/hardening/**/*.test.ts'],
          env: { TEST_DB: 'postgres' },
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
