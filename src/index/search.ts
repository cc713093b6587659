import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import { articleParagraphs, type Article } from '../corpus/article.ts';
import { passageText, type Passage } from './passages.ts';
import { DEFAULT_TERM_MODE, isBigramTerm, terms, type TermMode } from './terms.ts';

/** What MiniSearch indexes per passage: its own text, its sub-heading and its article's title. */
interface PassageDoc {
  id: number;
  text: string;
  heading: string;
  title: string;
}

export const FIELDS = ['text', 'heading', 'title'] as const;

// The title and the sub-heading say what a passage is about in few words: a match there counts more.
export const FIELD_BOOST = { text: 1, heading: 1.5, title: 1.5 } as const;

export function searchOptions(mode: TermMode, onTextTerms?: (terms: string[]) => void): Options<PassageDoc> {
  return {
    fields: [...FIELDS],
    storeFields: [],
    // Terms are already folded and segmented: MiniSearch must not split or lower-case them again.
    tokenize: (text: string, field?: string) => {
      const out = terms(text, mode);
      if (field === 'text') onTextTerms?.(out);
      return out;
    },
    processTerm: (term: string) => term,
    searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
  };
}

/** Builds the MiniSearch index of the passages, `onProgress` called every few thousand passages. */
export function buildSearch(
  articles: readonly Article[],
  passages: readonly Passage[],
  mode: TermMode = DEFAULT_TERM_MODE,
  onProgress?: (done: number, total: number) => void,
): { search: MiniSearch<PassageDoc>; df: Map<string, number> } {
  // Document frequency of each word (not bigram) in passage texts: how rare a query word is.
  const df = new Map<string, number>();
  const countTerms = (ts: string[]): void => {
    for (const t of new Set(ts)) if (!isBigramTerm(t)) df.set(t, (df.get(t) ?? 0) + 1);
  };
  const search = new MiniSearch<PassageDoc>(searchOptions(mode, countTerms));
  // The title is indexed once per article (on its first passage) so that a long article's title
  // does not count once per passage; the ranking boosts the other passages of a matching title.
  let lastArticle = -1;
  passages.forEach((p, id) => {
    const article = articles[p.article] as Article;
    const first = p.article !== lastArticle;
    lastArticle = p.article;
    search.add({ id, text: passageText(articles, p), heading: p.heading ?? '', title: first ? article.title : '' });
    if (onProgress && (id + 1) % 2000 === 0) onProgress(id + 1, passages.length);
  });
  onProgress?.(passages.length, passages.length);
  return { search, df };
}

export function loadSearch(json: string, mode: TermMode): MiniSearch<PassageDoc> {
  return MiniSearch.loadJSON<PassageDoc>(json, searchOptions(mode));
}

/** One term of a query and how much it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Runs an OR query of weighted terms; returns MiniSearch's BM25 results, best first. */
export function runQuery(search: MiniSearch<PassageDoc>, query: readonly WeightedTerm[], combineWith: 'OR' | 'AND' = 'OR'): SearchResult[] {
  if (query.length === 0) return [];
  const q: Query = {
    combineWith,
    queries: query.map(({ term, weight }) => ({
      queries: [term],
      boost: { text: FIELD_BOOST.text * weight, heading: FIELD_BOOST.heading * weight, title: FIELD_BOOST.title * weight },
    })),
  };
  return search.search(q);
}

/** The paragraph texts of an article, cached by the caller when it needs many. */
export function paragraphsOf(article: Article): string[] {
  return articleParagraphs(article);
}
