import { sourceRef } from './ask.ts';
import type { DatedSentence } from '../extract/events.ts';
import type { CandidateGroup } from './timeline.ts';
import type { SourceRef } from './types.ts';
import { key } from '../text/aliases.ts';
import { memoized } from '../text/memo.ts';
import { hanBigrams, segment } from '../text/segment.ts';
import type { ShijiIndex } from '../index/index.ts';
import { BIGRAM_PREFIX } from '../index/terms.ts';

/**
 * Passages that may mention a form: those holding its most telling word (the longest), found by
 * intersecting postings. A superset on purpose: the answer that uses it (timeline) decides
 * exactly, with patterns this cannot express (驻日美军的驻留经费, 驻日美军费用).
 */
export function passagesMayMention(index: ShijiIndex, forms: readonly string[]): number[] {
  const lists: number[][] = [];
  for (const form of forms) {
    const words = segment(form).map((w) => w.term);
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!longest) continue;
    const han = /\p{sc=Han}/u.test(longest);
    const terms = han && index.termMode !== 'words' && longest.length >= 2 ? hanBigrams(longest).map((b) => BIGRAM_PREFIX + b.term) : [longest];
    lists.push(index.search.all(terms));
  }
  return unionSorted(lists);
}

/** The union of lists of ascending passage ids, ascending, each id once. */
function unionSorted(lists: number[][]): number[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const all = nonEmpty.flat().sort((a, b) => a - b);
  return all.filter((id, i) => i === 0 || id !== all[i - 1]);
}

/**
 * The dated sentences /timeline should look at for a topic, article by article: every sentence of
 * an article whose title names it, and otherwise the sentences of the paragraphs that may mention
 * it and of the two paragraphs on either side (an account often dates its steps without naming the
 * topic again). A generator: a broad topic touches tens of thousands of articles, and the answer
 * takes them one at a time.
 */
export function* timelineGroups(index: ShijiIndex, topic: string): Generator<CandidateGroup> {
  const terms = topic.trim().split(/\s+/).filter(Boolean);
  const forms = [...new Set(terms.flatMap((t) => [t, ...index.aliases.equivalents(t)]).concat(index.aliases.equivalents(topic.trim())))];
  const folded = forms.map((f) => key(f)).filter((f) => f.length > 0);
  for (const [a, paras] of paragraphsByArticle(index, passagesMayMention(index, forms))) {
    const article = index.articles[a];
    const source = sourceOf(index, a);
    if (!article || !source) continue;
    const title = titleKey(article.title);
    const titleNames = folded.some((f) => title.includes(f));
    const from = index.sentenceStart[a] ?? 0;
    const to = index.sentenceStart[a + 1] ?? from;
    const sentences: DatedSentence[] = [];
    for (let s = from; s < to; s++) {
      const sentence = index.sentences[s] as DatedSentence;
      if (paras.includes(sentence.paragraph)) {
        sentences.push(sentence);
        continue;
      }
      // Elsewhere only a sentence with a day or month of its own can continue the account.
      if (!titleNames && !near(paras, sentence.paragraph)) continue;
      if (sentence.dates.some((d) => d.precision === 'day' || d.precision === 'month')) sentences.push(sentence);
    }
    if (sentences.length) yield { source, sentences };
  }
}

/**
 * The passages' articles, in order, each with the paragraphs those passages are in (ascending, a
 * handful). Passages are numbered in article order, so ascending ids give each article's in one
 * stretch: no map of every article a broad topic touches.
 */
function* paragraphsByArticle(index: ShijiIndex, ascendingIds: readonly number[]): Generator<[number, number[]]> {
  let article = -1;
  let paras: number[] = [];
  for (const id of ascendingIds) {
    const p = index.passages[id];
    if (!p) continue;
    if (p.article !== article) {
      if (paras.length) yield [article, paras];
      article = p.article;
      paras = [];
    }
    // An article's passages come in paragraph order: a paragraph's passages are together.
    if (paras[paras.length - 1] !== p.paragraph) paras.push(p.paragraph);
  }
  if (paras.length) yield [article, paras];
}

/** Whether a paragraph is within two of one of the (few) paragraphs given. */
function near(paras: readonly number[], paragraph: number): boolean {
  for (const p of paras) if (Math.abs(p - paragraph) <= 2) return true;
  return false;
}

// One source reference per article, made when first asked for and kept: /timeline's lines and
// /who's statements point to them by the hundred thousand on a large archive.
const sourceRefs = new WeakMap<ShijiIndex, (SourceRef | undefined)[]>();

/** The article's source reference, the same object every time (undefined for no such article). */
export function sourceOf(index: ShijiIndex, a: number): SourceRef | undefined {
  const article = index.articles[a];
  if (!article) return undefined;
  let refs = sourceRefs.get(index);
  if (!refs) sourceRefs.set(index, (refs = Array.from({ length: index.articles.length }, () => undefined)));
  return (refs[a] ??= sourceRef(article));
}

// Every query looks at the titles of the articles it touches: their keys are remembered.
const titleKey = memoized(key, 100_000);
