import type { Article } from '../corpus/article.ts';
import { analyzeArticle } from './statements/analyze.ts';
import type { RawStatement } from './statements/types.ts';

/**
 * Who said what: quotations and reported speech of one article, each with its speaker, found
 * once when the index is built. Precision first: a statement whose speaker is unclear is left out.
 *
 * The text is folded (traditional → simplified, full-width → half-width) for every decision, and
 * fold() keeps lengths, so offsets found there cut the original text, which is what is stored.
 *
 * The work is done in ./statements/: lexicon (the words it reads by), quotes, names, tokens,
 * phrases and subjects (who a clause is about), then sentence → paragraph → analyze.
 */

export { analyzeArticle };
export type { ArticleAnalysis, PersonMention, RawStatement } from './statements/types.ts';

export function extractStatements(article: Article): RawStatement[] {
  return analyzeArticle(article).statements;
}
