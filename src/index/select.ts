import { sourceRef } from '../answers/ask.ts';
import type { DatedSentence } from '../answers/events.ts';
import type { CandidateGroup } from '../answers/timeline.ts';
import { key } from '../text/aliases.ts';
import { memoized } from '../text/memo.ts';
import { hanBigrams, segment } from '../text/segment.ts';
import type { ShijiIndex } from './index.ts';
import { BIGRAM_PREFIX } from './terms.ts';

/**
 * Passages that may mention a form: those holding its most telling word (the longest), found by
 * intersecting postings. A superset on purpose: the answer that uses it (timeline) decides
 * exactly, with patterns this cannot express (驻日美军的驻留经费, 驻日美军费用).
 */
export function passagesMayMention(index: ShijiIndex, forms: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const form of forms) {
    const words = segment(form).map((w) => w.term);
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!longest) continue;
    const han = /\p{sc=Han}/u.test(longest);
    const terms = han && index.termMode !== 'words' && longest.length >= 2 ? hanBigrams(longest).map((b) => BIGRAM_PREFIX + b.term) : [longest];
    for (const id of index.search.all(terms)) out.add(id);
  }
  return out;
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
  const paragraphs = new Map<number, Set<number>>();
  for (const id of passagesMayMention(index, forms)) {
    const p = index.passages[id];
    if (!p) continue;
    let set = paragraphs.get(p.article);
    if (!set) paragraphs.set(p.article, (set = new Set()));
    set.add(p.paragraph);
  }
  const folded = forms.map((f) => key(f)).filter((f) => f.length > 0);
  for (const [a, paras] of [...paragraphs].sort((x, y) => x[0] - y[0])) {
    const article = index.articles[a];
    if (!article) continue;
    const title = titleKey(article.title);
    const titleNames = folded.some((f) => title.includes(f));
    const near = new Set<number>();
    for (const p of paras) for (let d = -2; d <= 2; d++) near.add(p + d);
    const from = index.sentenceStart[a] ?? 0;
    const to = index.sentenceStart[a + 1] ?? from;
    const sentences: DatedSentence[] = [];
    for (let s = from; s < to; s++) {
      const sentence = index.sentences[s] as DatedSentence;
      if (paras.has(sentence.paragraph)) {
        sentences.push(sentence);
        continue;
      }
      // Elsewhere only a sentence with a day or month of its own can continue the account.
      if (!(titleNames || near.has(sentence.paragraph))) continue;
      if (sentence.dates.some((d) => d.precision === 'day' || d.precision === 'month')) sentences.push(sentence);
    }
    if (sentences.length) yield { source: sourceRef(article), sentences };
  }
}

// Every query looks at the titles of the articles it touches: their keys are remembered.
const titleKey = memoized(key, 100_000);
