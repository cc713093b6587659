import { sourceRef } from './ask.ts';
import type { DatedSentence } from '../extract/events.ts';
import type { CandidateGroup } from './timeline.ts';
import type { SourceRef } from './types.ts';
import { key } from '../text/aliases.ts';
import { fold } from '../text/normalize.ts';
import { passageText, type Passage } from '../index/passages.ts';
import { coverage, topicForms, topicQuery, topicTerms, type TopicQuery } from './topic.ts';
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

// How many passages the ranked retrieval offers before the coverage check: a topic's story
// rarely runs to more; on a large archive the best-ranked are the ones that name it most fully.
export const TIMELINE_DEPTH = 2000;
/**
 * A passage is about the topic when it covers at least this share of the topic's weight (each
 * concept by its rarity; a near-synonym counts VARIANT_WEIGHT). Calibrated on the labelled cases:
 * see /work/notes/issue-11.md.
 */
export const PASSAGE_COVERAGE = 0.6;
/** An article whose title covers this much of the topic is about it: its account continues in every paragraph. */
export const TITLE_COVERAGE = 0.75;

/**
 * The sentences /timeline should take for a topic, article by article: the sentences of the
 * passages that cover the topic's concepts well enough (found by ranked retrieval, whatever words
 * they use), and every sentence of an article whose title is about the topic. Each group is
 * carries `about`: its sentences are the topic's, named or not.
 */
export function* timelineGroups(index: ShijiIndex, topic: string, q: TopicQuery = topicQuery(index, topic)): Generator<CandidateGroup> {
  if (q.concepts.length === 0) return;
  const { hits } = index.search.search(topicTerms(q, index.termMode), TIMELINE_DEPTH);
  const about = { forms: topicForms(q), years: q.years };
  const admitted: number[] = [];
  for (const hit of hits) {
    const p = index.passages[hit.id];
    if (p && coverage(fold(passageText(index.articles, p)), q) >= PASSAGE_COVERAGE) admitted.push(hit.id);
  }
  admitted.sort((a, b) => a - b);
  const byArticle = new Map<number, Passage[]>();
  for (const id of admitted) {
    const p = index.passages[id] as Passage;
    const list = byArticle.get(p.article);
    if (list) list.push(p);
    else byArticle.set(p.article, [p]);
  }
  // Articles whose title is about the topic, even where no one passage covers it (石破 in the title, 辞职 in the text).
  for (const hit of hits) {
    const p = index.passages[hit.id];
    if (!p || byArticle.has(p.article)) continue;
    const article = index.articles[p.article];
    if (article && coverage(titleKey(article.title), q) >= TITLE_COVERAGE) byArticle.set(p.article, []);
  }
  for (const a of [...byArticle.keys()].sort((x, y) => x - y)) {
    const article = index.articles[a];
    const source = sourceOf(index, a);
    if (!article || !source) continue;
    const passages = byArticle.get(a) as Passage[];
    const whole = coverage(titleKey(article.title), q) >= TITLE_COVERAGE;
    const from = index.sentenceStart[a] ?? 0;
    const to = index.sentenceStart[a + 1] ?? from;
    const sentences: DatedSentence[] = [];
    for (let s = from; s < to; s++) {
      const sentence = index.sentences[s] as DatedSentence;
      if (whole || passages.some((p) => p.paragraph === sentence.paragraph && sentence.start < p.end && sentence.end > p.start)) sentences.push(sentence);
    }
    if (sentences.length) yield { source, sentences, about };
  }
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
