import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo; each package is a project so `--project api` runs just that one.
// E2E (a real browser against built apps) is its own project, run after the unit/integration pass.
// Projects that run services in the test process get a fixed server secret (packages/api/src/test-secret.ts).
const secret = '../../packages/api/src/test-secret.ts';
export default defineConfig({
  test: {
    // Test files mostly wait on databases and the servers they start: vitest's default (one worker per core
    // but one) left a 2-core machine half idle. Two workers took the PGlite pass from 624 s to 455 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { test: { name: 'db', root: 'packages/db', include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 180_000 } },
      {
        test: {
          name: 'api',
          setupFiles: [secret],
          root: 'packages/api',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'rest',
          setupFiles: [secret],
          root: 'packages/rest',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'client',
          setupFiles: [secret],
          root: 'packages/client',
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'server',
          setupFiles: [secret],
          root: 'apps/server',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: 'apps/admin',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Pages answer in seconds on a loaded machine: expect.poll's 1 s default fails healthy pages.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          globalSetup: ['e2e/global-setup.ts'],
        },
      },
    ],
  },
});
