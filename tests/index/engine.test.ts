import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { SearchEngine, type ArticleTerms } from '../../src/index/engine.ts';
import { forwardPassages } from '../../src/index/forward.ts';
import { toPassages } from '../../src/index/passages.ts';
import { isBigramTerm } from '../../src/index/terms.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

/** The engine of the articles, each in its year's period, or all of them in one period (`one`). */
function engineOf(articles: readonly Article[], one: boolean): SearchEngine {
  const engine = new SearchEngine();
  for (const rec of engine.fromChunk(articles, forwardPassages(articles, toPassages(articles), 'words+bigrams'))) {
    engine.put(one ? ({ ...rec, partition: 'all' } satisfies ArticleTerms) : rec);
  }
  engine.arrange(articles.map((a) => a.id));
  return engine;
}

let articles: Article[] = [];
let byYear: SearchEngine;
let single: SearchEngine;
let words: string[] = [];

beforeAll(async () => {
  articles = (await loadCorpus(HAS_SHARED_CORPUS ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR])).articles;
  byYear = engineOf(articles, false);
  single = engineOf(articles, true);
  // Query words of every frequency: from the rarest to ones in most articles.
  words = byYear.vocabulary().filter((t) => !isBigramTerm(t) && t.length >= 2);
}, 60_000);

describe('the retrieval stage over periods', () => {
  it('GIVEN articles of several years THEN they are in several periods', () => {
    expect(byYear.partitions().length).toBeGreaterThan(HAS_SHARED_CORPUS ? 5 : 1);
    expect(single.partitions().length).toBe(1);
  });

  // Tolerance: the same articles in the same order; scores equal to 1e-9 relative (the periods'
  // running average field lengths are combined, which can differ from one index's in the last bits).
  it('GIVEN any weighted query THEN the periods searched together rank the articles as one index of them all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(words.length - 1), weight: fc.double({ min: 0.1, max: 3, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        (picks, depth) => {
          const query = picks.map((p) => ({ term: words[p.at] as string, weight: p.weight }));
          const a = byYear.rankArticles(query, depth);
          const b = single.rankArticles(query, depth);
          expect(a.map((r) => r.article)).toEqual(b.map((r) => r.article));
          a.forEach((r, i) => expect(Math.abs(r.score - (b[i]?.score ?? 0))).toBeLessThanOrEqual(1e-9 * Math.abs(r.score)));
          // Best first, and no more than asked.
          expect(a.length).toBeLessThanOrEqual(depth);
          for (let i = 1; i < a.length; i++) expect(a[i - 1]!.score).toBeGreaterThanOrEqual(a[i]!.score);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('GIVEN a word THEN exactly the articles holding it (title or body) are found, at any depth large enough', () => {
    const terms = byYear.termList();
    for (const word of ['美国', '同盟', words[0] as string, words[words.length - 1] as string]) {
      const holding = byYear.articles().flatMap((r, i) => ([...r.titleIds, ...r.termIds].some((t) => terms[t] === word) ? [i] : []));
      expect(holding.length, word).toBeGreaterThan(0);
      const found = byYear.rankArticles([{ term: word, weight: 1 }], articles.length).map((r) => r.article);
      expect([...found].sort((x, y) => x - y), word).toEqual(holding);
    }
  });

  it('GIVEN any query and limit THEN the passage hits are the best of all matches, best first (ties: lower id first), however few are asked for', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(words.length - 1), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 60 }), (at, limit) => {
        const query = at.map((i) => ({ term: words[i] as string, weight: 1 }));
        const all = byYear.search(query, 1_000_000);
        expect(all.hits.length).toBe(all.matched);
        for (let i = 1; i < all.hits.length; i++) {
          const [x, y] = [all.hits[i - 1]!, all.hits[i]!];
          expect(x.score > y.score || (x.score === y.score && x.id < y.id)).toBe(true);
        }
        const some = byYear.search(query, limit);
        expect(some.matched).toBe(all.matched);
        expect(some.hits).toEqual(all.hits.slice(0, limit));
      }),
      { numRuns: 60 },
    );
  });

  it('GIVEN an article removed and put back THEN the ranking is the same as before', () => {
    const query = [{ term: words[Math.floor(words.length / 2)] as string, weight: 1 }, { term: '日本', weight: 0.7 }];
    const before = byYear.rankArticles(query, 30);
    const engine = engineOf(articles, false);
    const rec = engine.articles()[1] as ArticleTerms;
    engine.remove(rec.key);
    engine.arrange(articles.filter((a) => a.id !== rec.key).map((a) => a.id));
    expect(engine.rankArticles(query, articles.length).some((r) => engine.articles()[r.article]?.key === rec.key)).toBe(false);
    engine.put(rec);
    engine.arrange(articles.map((a) => a.id));
    expect(engine.rankArticles(query, 30).map((r) => r.article)).toEqual(before.map((r) => r.article));
  });
});

describe('the most held terms', () => {
  // The topics offered for /timeline are the head of this list: an update computes it without sorting the vocabulary.
  it('GIVEN any count, floor and filter THEN mostHeld is the head of every held term sorted by passages held, then code-unit order', () => {
    const byCount = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3000 }), fc.constantFrom('all', 'no bigrams', 'Han', 'two+'), (min, limit, kind) => {
        const keep = (t: string): boolean =>
          kind === 'all' ? true : kind === 'no bigrams' ? !isBigramTerm(t) : kind === 'Han' ? /^\p{sc=Han}+$/u.test(t) : [...t].length >= 2 && !isBigramTerm(t);
        const want = byYear.termsHeldBy(min).filter(([t]) => keep(t)).sort(byCount).slice(0, limit);
        const got = byYear.mostHeld(min, limit, keep);
        // Ties at the cut are the case the histogram must get right: the corpus has many terms held equally often.
        expect(got).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });
});
