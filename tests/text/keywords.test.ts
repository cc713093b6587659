import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { analyzeArticle } from '../../src/extract/statements.ts';
import { KeywordCounts } from '../../src/text/keywords.ts';
import { keywords } from '../../src/text/segment.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

// Real statements (what the registry's keyword texts are made of), from several articles.
let statements: string[] = [];

beforeAll(async () => {
  const dirs = HAS_SHARED_CORPUS ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR];
  const articles = (await loadCorpus(dirs)).articles.slice(0, 30);
  statements = [...new Set(articles.flatMap((a) => analyzeArticle(a).statements.map((s) => s.text)))];
});

const joined = (texts: readonly string[]): string => texts.map((t) => `${t}\n`).join('');

describe('KeywordCounts', () => {
  it('GIVEN random lists of real statements (repeats, any order, kept between calls) THEN its keywords are jieba’s keywords of the joined text, in jieba’s order', () => {
    const counts = new KeywordCounts();
    fc.assert(
      fc.property(fc.array(fc.nat(statements.length - 1), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (picks, n) => {
        const texts = picks.map((i) => statements[i] as string);
        expect(counts.keywords(texts, n)).toEqual(keywords(joined(texts), n));
      }),
      { numRuns: 150 },
    );
    expect(statements.length).toBeGreaterThan(20);
  });

  // Equal weights are the rule in short texts (every word once, many with jieba's average IDF): jieba's
  // heap decides their order, not the text's.
  it('GIVEN texts whose words all weigh the same (ties), traditional characters, Latin words and numbers THEN it orders them as jieba does', () => {
    const counts = new KeywordCounts();
    const cases = [
      ['外交部发言人表示，双方同意继续磋商。', '外交部发言人表示，双方同意继续磋商。', '防卫大臣强调日美同盟的重要性'],
      ['美國總統表示關稅談判取得進展', '美国总统表示关税谈判取得进展'],
      ['TPP 与 RCEP 谈判', 'F-35 战机 2025 年交付', 'COVID-19 疫情', '北约秘书长 Jens Stoltenberg 说'],
      ['甲乙丙丁戊己庚辛', '   ', '的了是'],
    ];
    for (const texts of cases) for (const n of [1, 3, 8, 30]) expect(counts.keywords(texts, n)).toEqual(keywords(joined(texts), n));
    expect(counts.keywords(['', ' '], 5)).toEqual([]);
  });

  it('GIVEN kept texts it forgets once they are many more than the live ones THEN it still gives jieba’s keywords', () => {
    const counts = new KeywordCounts(0);
    const few = statements.slice(0, 5);
    counts.keywords(statements, 10);
    expect(counts.size).toBe(statements.length);
    counts.prune(few, few.length);
    expect(counts.size).toBe(few.length);
    expect(counts.keywords(statements.slice(3, 12), 10)).toEqual(keywords(joined(statements.slice(3, 12)), 10));
  });
});
