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
