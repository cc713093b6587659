import { defineConfig } from 'vitest/config';

// Tests that start processes, worker threads, a stand-in Discord or build archives: the integration project.
const INTEGRATION = [
  'tests/cli/**/*.test.ts',
  'tests/discord/e2e.test.ts',
  'tests/bench/smoke.test.ts',
  'tests/index/chunks.test.ts',
  'tests/index/snapshot.test.ts',
  'tests/index/update*.test.ts',
  'tests/open.test.ts',
  'tests/answers/statements-equivalence.test.ts',
];

export default defineConfig({
  test: {
    // nodejieba loads its dictionaries once per worker (~1 s); two workers match the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `npm test` runs both; `npx vitest run --project unit` is the fast loop (under a minute).
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: INTEGRATION } },
      // Each test here starts processes (tsx, jieba: seconds each on a busy 2-core machine): a deadline, not a timing.
      { extends: true, test: { name: 'integration', include: INTEGRATION, testTimeout: 120_000 } },
    ],
  },
});
