import { bigramIndexTerms, segment, wordsAndBigrams, type Token } from '../text/segment.ts';

/**
 * Which terms a text is indexed under. Words alone miss what jieba cuts differently in another
 * context (驻日美军基地 → 驻日/美军基地 hides 美军). Han bigrams find every word, whatever the cut,
 * and need no jieba at indexing time; the ranking (answers/ask.ts) restores word-level precision by
 * checking each candidate for the query's words and names. On the 70 labelled queries of
 * tests/eval the three modes rank alike (bench/results/term-modes.json), so the default is the
 * cheapest to build.
 */
export type TermMode = 'words' | 'bigrams' | 'words+bigrams';

export const DEFAULT_TERM_MODE: TermMode = 'bigrams';

// Bigrams live in their own namespace so a word and a bigram of the same two characters stay
// separate terms (and a query can weigh them differently).
const BIGRAM_PREFIX = '\u0001';

export function isBigramTerm(term: string): boolean {
  return term.startsWith(BIGRAM_PREFIX);
}

/** The terms of a text, for the index or for a query, in text order. */
export function terms(text: string, mode: TermMode = DEFAULT_TERM_MODE): string[] {
  const out: string[] = [];
  // Bigram mode needs no jieba at all: Latin words and numbers stay whole, Han text becomes bigrams.
  const { words, bigrams } = mode === 'bigrams' ? bigramIndexTerms(text) : wordsAndBigrams(text);
  for (const t of words) out.push(t.term);
  if (mode !== 'words') for (const t of bigrams) out.push(BIGRAM_PREFIX + t.term);
  return out;
}

/** Words with positions: for the proximity boost and for highlights. */
export function words(text: string): Token[] {
  return segment(text);
}

export { BIGRAM_PREFIX };
