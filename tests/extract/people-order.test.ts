import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../src/extract/people.ts';

/** The order the registry shows statements in: date by localeCompare, newest first, then article order. */
const byCollator = (dates: string[]): number[] => [...dates.keys()].sort((a, b) => (dates[b] as string).localeCompare(dates[a] as string) || a - b);

// Dates as the corpus writes them (toISOString), often equal (articles of one moment), sometimes years apart.
const isoDate = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms - (ms % 3_600_000)).toISOString());

describe('newestFirst', () => {
  it('GIVEN dates written by toISOString (many equal) THEN it orders the articles as localeCompare does, ties by index', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(isoDate, fc.constantFrom('2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z')), { maxLength: 60 }), (dates) => {
        expect(newestFirst(dates.length, (i) => dates[i] as string)).toEqual(byCollator(dates));
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN dates written otherwise (no milliseconds, none at all) THEN it still orders them as localeCompare does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(isoDate, isoDate.map((d) => d.replace('.000', '')), fc.constant('')), { maxLength: 40 }), (dates) => {
        expect(newestFirst(dates.length, (i) => dates[i] as string)).toEqual(byCollator(dates));
      }),
      { numRuns: 100 },
    );
  });
});
