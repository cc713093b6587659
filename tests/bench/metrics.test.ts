import { describe, expect, it } from 'vitest';
import {
  compareDates,
  datesConsistent,
  firstRelevantRank,
  latency,
  matchesLabel,
  percentile,
  recallAt,
  reciprocalRankAt,
  scoreAsk,
  scoreTimeline,
  scoreWho,
  successAt,
  summarizeAsk,
  summarizeTimeline,
  summarizeWho,
  utf8MB,
  type Found,
  type Labelled,
} from '../../bench/metrics.ts';

const hit = (file: string, text: string): Found => ({ file, text });

describe('matchesLabel', () => {
  it('needs the same file and the substring', () => {
    const label = { file: 'a.txt', contains: '驻日美军' };
    expect(matchesLabel(hit('a.txt', '关于驻日美军经费'), label)).toBe(true);
    expect(matchesLabel(hit('b.txt', '关于驻日美军经费'), label)).toBe(false);
    expect(matchesLabel(hit('a.txt', '关于驻日美國'), label)).toBe(false);
  });

  it('follows provenance: a synthesised article stands for its sources', () => {
    const label = { file: 'a.txt', contains: 'TPP' };
    const provenance = (f: string): string[] => (f === 'syn1.txt' ? ['syn1.txt', 'a.txt'] : [f]);
    expect(matchesLabel(hit('syn1.txt', 'no TPP'), label, provenance)).toBe(true);
    expect(matchesLabel(hit('syn2.txt', 'no TPP'), label, provenance)).toBe(false);
  });
});

describe('ranking metrics on hand-made rankings', () => {
  const relevant: Labelled[] = [
    { file: 'a.txt', contains: 'X' },
    { file: 'b.txt', contains: 'Y' },
  ];
  // Ranks: 1 irrelevant, 2 irrelevant (right text, wrong file), 3 relevant (a/X), 4 irrelevant, 5 relevant (b/Y).
  const ranking = [hit('c.txt', 'Z'), hit('c.txt', 'X'), hit('a.txt', '..X..'), hit('a.txt', 'Q'), hit('b.txt', 'Y')];

  it('first relevant rank, success@k, reciprocal rank', () => {
    expect(firstRelevantRank(ranking, relevant)).toBe(3);
    expect(successAt(1, 3)).toBe(0);
    expect(successAt(3, 3)).toBe(1);
    expect(successAt(5, null)).toBe(0);
    expect(reciprocalRankAt(10, 3)).toBeCloseTo(1 / 3);
    expect(reciprocalRankAt(10, 11)).toBe(0);
    expect(reciprocalRankAt(10, null)).toBe(0);
  });

  it('recall@k counts each label once', () => {
    expect(recallAt(10, ranking, relevant)).toBe(1);
    expect(recallAt(4, ranking, relevant)).toBe(0.5);
    expect(recallAt(2, ranking, relevant)).toBe(0);
    expect(recallAt(10, [...ranking, hit('a.txt', 'X again')], relevant)).toBe(1);
    expect(recallAt(10, ranking, [])).toBe(1);
  });

  it('summaries are macro-averages with known MRR', () => {
    const s1 = scoreAsk(ranking, relevant); // first at 3
    const s2 = scoreAsk([hit('a.txt', 'X')], relevant); // first at 1, recall 1/2
    const s3 = scoreAsk([hit('c.txt', 'none')], relevant); // nothing
    const s4 = scoreAsk([], relevant);
    expect(s1).toEqual({ firstRank: 3, success1: 0, success5: 1, rr10: 1 / 3, recall10: 1 });
    expect(s2).toEqual({ firstRank: 1, success1: 1, success5: 1, rr10: 1, recall10: 0.5 });
    expect(s3.firstRank).toBeNull();
    const sum = summarizeAsk([s1, s2, s3, s4]);
    expect(sum.cases).toBe(4);
    expect(sum.success1).toBe(0.25);
    expect(sum.success5).toBe(0.5);
    expect(sum.mrr10).toBeCloseTo((1 / 3 + 1) / 4);
    expect(sum.recall10).toBeCloseTo(1.5 / 4);
    expect(summarizeAsk([])).toEqual({ cases: 0, success1: 0, success5: 0, mrr10: 0, recall10: 0 });
  });
});

describe('who metrics', () => {
  const label = {
    canonical: '石破茂',
    statements: [
      { file: 's.txt', contains: '作出一系列积极承诺', direct: false },
      { file: 's.txt', contains: '加强防卫', direct: true },
    ],
    not_statements: [{ file: 's.txt', contains: '内阁能稳定执政' }],
  };

  it('recall, misattributions, direct flags and the canonical name', () => {
    const score = scoreWho(
      {
        person: '石破茂',
        statements: [
          { file: 's.txt', text: '石破茂向美方作出一系列积极承诺', direct: true },
          { file: 's.txt', text: '日本今年大选后若内阁能稳定执政', direct: true },
          { file: 'other.txt', text: '内阁能稳定执政', direct: true },
        ],
      },
      label,
    );
    expect(score.found).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.misattributions).toBe(1); // the other file's text is not that quotation
    expect(score.returned).toBe(3);
    expect(score.directChecked).toBe(1);
    expect(score.directCorrect).toBe(0);
    expect(score.canonicalOk).toBe(true);
    expect(score.missing).toEqual([{ file: 's.txt', contains: '加强防卫' }]);

    const none = scoreWho({ person: null, statements: [] }, label);
    expect(none.recall).toBe(0);
    expect(none.canonicalOk).toBe(false);

    const sum = summarizeWho([score, none]);
    expect(sum.recall).toBe(0.25);
    expect(sum.macroRecall).toBe(0.25);
    expect(sum.misattributions).toBe(1);
    expect(sum.misattributionRate).toBeCloseTo(1 / 3);
    expect(sum.canonicalAccuracy).toBe(0.5);
    expect(sum.directAccuracy).toBe(0);
  });
});

describe('timeline metrics', () => {
  it('compares dates of different precision', () => {
    expect(compareDates('2016-11', '2020-11-11')).toBe(-1);
    expect(compareDates('2020-11-11', '2020-11-10')).toBe(1);
    expect(compareDates('2020-11', '2020-11-10')).toBeNull();
    expect(compareDates('2020', '2020-06')).toBeNull();
    expect(compareDates('2010s', '2015-03')).toBeNull();
    expect(compareDates('2010s', '2020')).toBe(-1);
    expect(compareDates('2020-06', '2020-06')).toBe(0);
    expect(datesConsistent('2020-11', '2020-11-10')).toBe(true);
    expect(datesConsistent('2020-12', '2020-11-10')).toBe(false);
  });

  it('event recall, date accuracy and pairwise order', () => {
    const labels = [
      { date: '2019-12-03', file: 'a.txt', contains: 'A' },
      { date: '2020-06', file: 'a.txt', contains: 'B' },
      { date: '2020-10-15', file: 'a.txt', contains: 'C' },
      { date: '2021-11-11', file: 'b.txt', contains: 'D' },
    ];
    // Found: A (right date), C (month only), D (right date) listed before C: one pair out of order. B missing.
    const events = [
      { file: 'a.txt', text: 'A', date: '2019-12-03' },
      { file: 'b.txt', text: 'D', date: '2021-11-11' },
      { file: 'a.txt', text: 'C', date: '2020-10' },
    ];
    const s = scoreTimeline(events, labels);
    expect(s.found).toBe(3);
    expect(s.recall).toBe(0.75);
    expect(s.dateCorrect).toBe(2);
    expect(s.dateConsistent).toBe(3);
    // Pairs among A, C, D: (A,C) ok, (A,D) ok, (C,D) wrong.
    expect(s.pairs).toBe(3);
    expect(s.pairsInOrder).toBe(2);
    expect(s.order).toBeCloseTo(2 / 3);
    expect(s.missing).toEqual([{ file: 'a.txt', contains: 'B' }]);
    expect(s.wrongDates).toEqual([{ contains: 'C', expected: '2020-10-15', got: '2020-10' }]);

    const sum = summarizeTimeline([s, scoreTimeline([], labels)]);
    expect(sum.eventRecall).toBe(3 / 8);
    expect(sum.dateAccuracy).toBe(2 / 8);
    expect(sum.order).toBeCloseTo(2 / 3);
    expect(summarizeTimeline([scoreTimeline([], labels)]).order).toBeNull();
  });

  it('does not order labels with the same date or one event matching two labels', () => {
    const labels = [
      { date: '2020-11-10', file: 'a.txt', contains: '茂木' },
      { date: '2020-11-10', file: 'a.txt', contains: '岸信夫' },
    ];
    const s = scoreTimeline([{ file: 'a.txt', text: '岸信夫…茂木', date: '2020-11-10' }], labels);
    expect(s.found).toBe(2);
    expect(s.pairs).toBe(0);
    expect(s.order).toBeNull();
  });
});

describe('percentiles', () => {
  it('nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100 shuffled order
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(latency([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3, max: 3, n: 3 });
  });

  it('UTF-8 megabytes', () => {
    expect(utf8MB(['日本', 'ab'])).toBeCloseTo(8 / 1e6);
  });
});
