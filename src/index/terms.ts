import { indexTerms } from '../text/segment.ts';

/**
 * Which terms a text is indexed under. Words alone miss what jieba cuts differently in another
 * context (驻日美军基地 → 驻日/美军基地 hides 美军); Han bigrams find every word whatever the cut,
 * but alone they rank loosely on a large archive. Measured (bench/results/term-modes.json, the 70
 * labelled /ask queries): on the 35 real articles all three modes rank alike (success@5 100%);
 * among 10,000 articles words+bigrams keeps 94.3% success@5, words 92.9%, bigrams 84.3%.
 */
export type TermMode = 'words' | 'bigrams' | 'words+bigrams';

export const DEFAULT_TERM_MODE: TermMode = 'words+bigrams';

// Bigrams live in their own namespace so a word and a bigram of the same two characters stay
// separate terms (and a query can weigh them differently).
const BIGRAM_PREFIX = '\u0001';

export function isBigramTerm(term: string): boolean {
  return term.startsWith(BIGRAM_PREFIX);
}

/** The terms the index stores for a text: its words in text order, then its bigrams. */
export function terms(text: string, mode: TermMode = DEFAULT_TERM_MODE): string[] {
  // Bigram mode needs no jieba at all: Latin words and numbers stay whole, Han text becomes bigrams.
  return indexTerms(text, { jiebaWords: mode !== 'bigrams', bigramPrefix: mode === 'words' ? undefined : BIGRAM_PREFIX });
}

export { BIGRAM_PREFIX };
