import { configDefaults, defineConfig } from 'vitest/config';

// The Discord load test (a bot process, its answer worker and a 1,000-article build under a
// burst of 390 interactions) runs after everything else, alone: next to another heavy test it
// would measure the machine's contention, not the bot, and slow that test past its deadline.
const LOAD_TESTS = ['tests/discord/load.test.ts'];

export default defineConfig({
  test: {
    // nodejieba loads its dictionaries once per worker (~1 s); two workers match the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, ...LOAD_TESTS], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'load', include: LOAD_TESTS, sequence: { groupOrder: 1 } } },
    ],
  },
});
