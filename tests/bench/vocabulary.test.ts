import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { SEEDS_DIR, SHARED_CORPUS_DIR } from '../../bench/eval.ts';
import { articleTerms, byDate, expectedTerms, measureHeaps } from '../../bench/heaps.ts';
import { readJiebaWords, vocabularyPlan, type VocabularyPlan } from '../../bench/substitute.ts';
import { synthesize } from '../../bench/synth.ts';

/**
 * The synthesised archive's vocabulary follows the real articles' Heaps curve (1,000 articles:
 * a few seconds; `npm run -s heaps -- --sizes 1000,3000` measures more).
 */
let real: Article[] = [];
let plan: VocabularyPlan;
// Text the benchmark keeps verbatim: a query and a labelled passage of a seed.
let kept: string[] = [];

beforeAll(async () => {
  real = (await loadCorpus(existsSync(SHARED_CORPUS_DIR) ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR])).articles;
  const para = real[0]?.blocks.find((b) => b.kind === 'paragraph' && b.text.length > 40)?.text ?? '';
  kept = ['特朗普', para.slice(0, 30)];
  plan = vocabularyPlan(real, { keep: kept });
}, 60_000);

describe('the vocabulary grower', () => {
  it('reads part-of-speech classes from jieba’s own dictionary', () => {
    const words = readJiebaWords();
    expect(words.get('nr')?.length).toBeGreaterThan(10_000);
    expect(words.get('ns')?.length).toBeGreaterThan(5_000);
    for (const w of words.get('nt')?.slice(0, 50) ?? []) expect(w).toMatch(/^\p{sc=Han}{2,4}$/u);
  });

  it('keeps 1,000 articles within 15% of the real curve, deterministically, kept text verbatim', () => {
    const a = synthesize(real, { size: 1000, seed: 3, vocabulary: plan });
    const b = synthesize(real, { size: 1000, seed: 3, vocabulary: plan });
    expect(b.articles).toEqual(a.articles);
    expect(a.articles.slice(0, real.length)).toEqual(real);

    const m = measureHeaps(a.articles.map(articleTerms), 0);
    const expected = expectedTerms(plan.curve, m.tokens);
    expect(m.terms / expected).toBeGreaterThan(0.85);
    expect(m.terms / expected).toBeLessThan(1.15);
    // Without the grower the vocabulary stays near the real articles'.
    const flat = synthesize(real, { size: 1000, seed: 3 });
    const flatTerms = new Set(flat.articles.slice(real.length, real.length + 300).flatMap(articleTerms)).size;
    const grownTerms = new Set(a.articles.slice(real.length, real.length + 300).flatMap(articleTerms)).size;
    expect(grownTerms).toBeGreaterThan(flatTerms * 1.5);

    // The grower changes words, never the structure: the same paragraphs are picked with or
    // without it, so kept text (a labelled passage, a query's word) occurs exactly as often.
    const count = (arts: readonly Article[], k: string): number => arts.flatMap((x) => x.blocks).filter((y) => y.text.includes(k)).length;
    for (const k of kept) expect(count(a.articles, k)).toBe(count(flat.articles, k));
    expect(count(a.articles, kept[1] as string)).toBeGreaterThan(1);
  }, 60_000);

  // At 10k+ articles the dictionary's words run out (about 230k): new names are then composed.
  it('GIVEN the dictionary words used up THEN composed names keep the archive on the curve, each a new Han word of 2–3 characters the segmenter keeps whole', () => {
    // 200 words a class (their characters compose the new ones): used up after a few dozen articles.
    const few = { ...plan, words: new Map([...plan.words].map(([cls, w]) => [cls, w.slice(0, 200)])) };
    const a = synthesize(real, { size: 600, seed: 5, vocabulary: few });
    const m = measureHeaps(a.articles.map(articleTerms), 0);
    const ratio = m.terms / expectedTerms(plan.curve, m.tokens);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    const dictionary = new Set([...plan.words.values()].flat());
    const realTerms = new Set(real.flatMap(articleTerms));
    const composed = [...new Set(a.articles.slice(real.length).flatMap(articleTerms))].filter((t) => !realTerms.has(t) && !dictionary.has(t) && /^\p{sc=Han}+$/u.test(t));
    expect(composed.length).toBeGreaterThan(1000);
    // Nearly all of them whole composed words (a few single characters come from rewritten text cut anew).
    expect(composed.filter((t) => /^\p{sc=Han}{2,3}$/u.test(t)).length / composed.length).toBeGreaterThan(0.9);
  }, 60_000);

  it('fits the real articles with a β of a natural language (between 0.4 and 0.9)', () => {
    const m = measureHeaps(byDate(real).map(articleTerms), 3);
    expect(m.beta).toBeGreaterThan(0.4);
    expect(m.beta).toBeLessThan(0.9);
    expect(m.r2).toBeGreaterThan(0.95);
  });
});
