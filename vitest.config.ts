import { defineConfig } from 'vitest/config';

/*
 * Four projects, so a developer runs the part they are working on (README, "Tests"):
 * unit — pure rules, parsers and renderers, no database (seconds);
 * integration — verbs, jobs and the outbox on a real database (PGlite, and PostgreSQL with TEST_DATABASE_URL);
 * slack — the real Accord (Bolt, HTTP) against the Slack stand-in, and the sandbox;
 * faults — killed processes, replicas, database outages and Slack errors.
 */
export default defineConfig({
  test: {
    // Each integration file opens its own PGlite instance and PostgreSQL database; two workers
    // match the two cores CI has and keep PGlite's WASM memory in check.
    maxWorkers: 2,
    // Budgets for a busy machine (two CPUs shared with PostgreSQL and the other worker): a test
    // that starts the real process sets its own, larger one and waits on what it can observe.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/verbs/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'slack', include: ['test/slack/**/*.test.ts', 'test/sandbox/**/*.test.ts'] } },
      { extends: true, test: { name: 'faults', include: ['test/faults/**/*.test.ts'] } },
    ],
  },
});
