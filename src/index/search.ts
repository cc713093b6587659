import type { Article } from '../corpus/article.ts';
import { InvertedBuilder, type PartialIndex } from './inverted.ts';
import { passageText, type Passage } from './passages.ts';
import { DEFAULT_TERM_MODE, terms, type TermMode } from './terms.ts';

export type { WeightedTerm } from './inverted.ts';

/**
 * The search index of some passages (a chunk's: see chunks.ts), each passage under the terms of
 * its text, its sub-heading and (on the article's first passage only) its article's title; title
 * and heading terms count 1.5 times a text term. Passage k of `passages` is document k.
 */
export function indexPassages(articles: readonly Article[], passages: readonly Passage[], mode: TermMode = DEFAULT_TERM_MODE): PartialIndex {
  const builder = new InvertedBuilder();
  // The title is indexed once per article so that a long article's title does not count once per
  // passage; the ranking boosts the other passages of an article whose title matches.
  let lastArticle = -1;
  let lastHeading = '';
  let headingTerms: string[] = [];
  for (const p of passages) {
    const article = articles[p.article];
    if (!article) throw new Error(`search: passage of article ${p.article}, which is not among the ${articles.length} given`);
    const first = p.article !== lastArticle;
    lastArticle = p.article;
    const heading = p.heading ?? '';
    if (heading !== lastHeading) {
      lastHeading = heading;
      headingTerms = heading ? terms(heading, mode) : [];
    }
    builder.add({ text: terms(passageText(articles, p), mode), heading: headingTerms, title: first ? terms(article.title, mode) : [] });
  }
  return builder.finishPartial();
}
