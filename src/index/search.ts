import type { Article } from '../corpus/article.ts';
import { InvertedBuilder, type InvertedIndex } from './inverted.ts';
import { passageText, type Passage } from './passages.ts';
import { DEFAULT_TERM_MODE, terms, type TermMode } from './terms.ts';

export type { WeightedTerm } from './inverted.ts';

/**
 * Indexes each passage under the terms of its text, its sub-heading and (on the article's first
 * passage only) its article's title; title and heading terms count 1.5 times a text term.
 */
export async function buildSearch(
  articles: readonly Article[],
  passages: readonly Passage[],
  mode: TermMode = DEFAULT_TERM_MODE,
  onProgress?: (done: number, total: number) => void,
): Promise<InvertedIndex> {
  const builder = new InvertedBuilder();
  // The title is indexed once per article so that a long article's title does not count once per
  // passage; the ranking boosts the other passages of an article whose title matches.
  let lastArticle = -1;
  let lastHeading = '';
  let headingTerms: string[] = [];
  for (let id = 0; id < passages.length; id++) {
    const p = passages[id] as Passage;
    const article = articles[p.article] as Article;
    const first = p.article !== lastArticle;
    lastArticle = p.article;
    const heading = p.heading ?? '';
    if (heading !== lastHeading) {
      lastHeading = heading;
      headingTerms = heading ? terms(heading, mode) : [];
    }
    builder.add({ text: terms(passageText(articles, p), mode), heading: headingTerms, title: first ? terms(article.title, mode) : [] });
    if ((id + 1) % 500 === 0) {
      if ((id + 1) % 2000 === 0) onProgress?.(id + 1, passages.length);
      // Let worker threads' requests for more work in (see extract.ts).
      await new Promise((r) => setImmediate(r));
    }
  }
  onProgress?.(passages.length, passages.length);
  return builder.finish();
}
