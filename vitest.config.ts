import { configDefaults, defineConfig } from 'vitest/config';

// The Discord load test (a bot process, its answer worker and a 1,000-article build under a
// burst of 390 interactions) runs after everything else, alone: next to another heavy test it
// would measure the machine's contention, not the bot, and slow that test past its deadline.
const LOAD_TESTS = ['tests/discord/load.test.ts'];

// Tests that start processes, worker threads, a stand-in Discord or build archives: the integration project.
const INTEGRATION = [
  'tests/cli/**/*.test.ts',
  'tests/discord/e2e.test.ts',
  'tests/bench/smoke.test.ts',
  'tests/bench/vocabulary.test.ts',
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
    // `npm test` runs all three; `npx vitest run --project unit` is the fast loop (under a minute).
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, ...INTEGRATION, ...LOAD_TESTS], sequence: { groupOrder: 0 } } },
      // Each test here starts processes (tsx, jieba: seconds each on a busy 2-core machine): a deadline, not a timing.
      { extends: true, test: { name: 'integration', include: INTEGRATION, testTimeout: 120_000, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'load', include: LOAD_TESTS, testTimeout: 120_000, sequence: { groupOrder: 1 } } },
    ],
  },
});
