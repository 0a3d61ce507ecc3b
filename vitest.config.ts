import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each integration file opens its own PGlite instance and PostgreSQL database; two workers
    // match the two cores CI has and keep PGlite's WASM memory in check.
    maxWorkers: 2,
    // Budgets for a busy machine (two CPUs shared with PostgreSQL and the other worker): a test
    // that starts the real process sets its own, larger one and waits on what it can observe.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
