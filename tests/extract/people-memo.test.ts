import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildPeople, PeopleMemo } from '../../src/extract/people.ts';
import { analyzeArticle, type ArticleAnalysis } from '../../src/extract/statements.ts';
import { AliasTable } from '../../src/text/aliases.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

let pool: Article[] = [];
const analyses = new Map<Article, ArticleAnalysis>();

beforeAll(async () => {
  const dirs = HAS_SHARED_CORPUS ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR];
  pool = (await loadCorpus(dirs)).articles.slice(0, 24);
  for (const a of pool) analyses.set(a, analyzeArticle(a));
});

function registry(articles: Article[], memo?: PeopleMemo, pairs?: WeakMap<Article, [string, string][]>): unknown {
  const aliases = AliasTable.build(articles, pairs);
  return buildPeople(articles, aliases, { analyses: articles.map((a) => analyses.get(a) as ArticleAnalysis), ...(memo ? { memo } : {}) });
}

describe('buildPeople with a memo of earlier builds', () => {
  it('GIVEN a memo that saw other sets of articles (names come and go) THEN each registry equals a build without memo', () => {
    const memo = new PeopleMemo();
    const pairs = new WeakMap<Article, [string, string][]>();
    fc.assert(
      fc.property(fc.array(fc.subarray([...Array(pool.length).keys()], { minLength: 1 }), { minLength: 2, maxLength: 4 }), (sets) => {
        for (const set of sets) {
          const articles = set.map((i) => pool[i] as Article);
          expect(registry(articles, memo, pairs)).toEqual(registry(articles));
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('buildPeople after new names', () => {
  // New names arrive with most updates, and the kept articles that mention them must count as mentions:
  // a memo that saw a few articles, then all of them (the others bring names the few also hold).
  it('GIVEN a memo built on a few articles WHEN all articles are built with it THEN each article mentioning a new name counts as a rebuild counts it', () => {
    // A clean clone holds the five seeds alone: a few stays fewer than all of them.
    fc.assert(
      fc.property(fc.subarray([...Array(pool.length).keys()], { minLength: 1, maxLength: Math.max(1, Math.min(6, pool.length - 1)) }), (few) => {
        const memo = new PeopleMemo();
        const pairs = new WeakMap<Article, [string, string][]>();
        registry(few.map((i) => pool[i] as Article), memo, pairs);
        expect(registry(pool, memo, pairs)).toEqual(registry(pool));
      }),
      { numRuns: 6 },
    );
  });
});

describe('buildPeople after a few articles come or go', () => {
  // The usual update: most people keep their statements, a few gain some (their topics counted on from
  // the last build's figures) or lose some (counted again).
  it('GIVEN a memo built on all articles but a few WHEN they are added, then others removed THEN each registry equals a build without memo', () => {
    fc.assert(
      fc.property(fc.subarray([...Array(pool.length).keys()], { minLength: 1, maxLength: Math.max(1, Math.min(4, pool.length - 1)) }), fc.nat(pool.length - 1), (out, drop) => {
        const memo = new PeopleMemo();
        const pairs = new WeakMap<Article, [string, string][]>();
        const most = pool.filter((_, i) => !out.includes(i));
        const fewer = pool.filter((_, i) => i !== drop);
        for (const articles of [most, pool, fewer]) expect(registry(articles, memo, pairs)).toEqual(registry(articles));
      }),
      { numRuns: 6 },
    );
  });

  // What the bench adds: articles said again a day later, so that their speakers say more of the same
  // (their topics are counted again in the new statements).
  it('GIVEN a memo built on all articles WHEN copies of some are added a day later THEN the registry equals a build without memo', () => {
    fc.assert(
      fc.property(fc.subarray([...Array(pool.length).keys()], { minLength: 1, maxLength: Math.min(6, pool.length) }), (picked) => {
        const memo = new PeopleMemo();
        const pairs = new WeakMap<Article, [string, string][]>();
        const copies = picked.map((i) => {
          const a = pool[i] as Article;
          const copy = { ...a, id: `${a.id}-again`, file: `again-${a.file}`, publishedAt: new Date(Date.parse(a.publishedAt) + 86_400_000).toISOString() };
          analyses.set(copy, analyses.get(a) as ArticleAnalysis);
          return copy;
        });
        registry(pool, memo, pairs);
        expect(registry([...pool, ...copies], memo, pairs)).toEqual(registry([...pool, ...copies]));
      }),
      { numRuns: 6 },
    );
  });
});

describe('buildPeople when articles are only appended', () => {
  // A feed's new files take the next numbers: the registry's sums of the last build are added to, not made again
  // (RegistrySums). The appended articles bring names the first ones never gave, and may join their forms to old ones.
  it('GIVEN a memo built on the first articles WHEN the others are appended in one or two steps, then one is removed THEN each registry equals a build without memo', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Math.max(1, pool.length - 1) }), fc.integer({ min: 0, max: pool.length }), fc.nat(Math.max(0, pool.length - 1)), (first, second, drop) => {
        const memo = new PeopleMemo();
        const pairs = new WeakMap<Article, [string, string][]>();
        const steps = [pool.slice(0, first), pool.slice(0, Math.max(first, second)), pool, pool.filter((_, i) => i !== drop)];
        for (const articles of steps) expect(registry(articles, memo, pairs)).toEqual(registry(articles));
      }),
      { numRuns: 8 },
    );
  });
});
