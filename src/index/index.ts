import type { Article } from '../corpus/article.ts';
import { AliasTable } from '../text/aliases.ts';
import { addWord } from '../text/segment.ts';
import type { InvertedIndex } from './inverted.ts';
import { toPassages, type Passage } from './passages.ts';
import { buildSearch } from './search.ts';
import { DEFAULT_TERM_MODE, type TermMode } from './terms.ts';

/**
 * Everything the answers need, built once from the corpus: the articles, their passages, the
 * full-text index over the passages, and the shared alias table. Pure data: the snapshot stores it.
 */
export interface ShijiIndex {
  articles: Article[];
  passages: Passage[];
  search: InvertedIndex;
  aliases: AliasTable;
  termMode: TermMode;
}

export interface BuildOptions {
  termMode?: TermMode;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export function buildIndex(articles: Article[], options: BuildOptions = {}): ShijiIndex {
  const termMode = options.termMode ?? DEFAULT_TERM_MODE;
  const aliases = AliasTable.build(articles);
  teachAliases(aliases);
  const passages = toPassages(articles);
  const search = buildSearch(articles, passages, termMode, (done, total) => options.onProgress?.('index', done, total));
  return { articles, passages, search, aliases, termMode };
}

/**
 * Names the corpus gives with their originals (斯托尔滕贝格（Jens Stoltenberg）) become dictionary
 * words, so jieba keeps them whole. Only such name pairs: teaching it a compound term
 * (驻日美军驻留经费) would hide the words inside it (驻日美军) from word matching.
 */
export function teachAliases(aliases: AliasTable): void {
  for (const group of aliases.all()) {
    if (!group.some((f) => /^[A-Za-z]/.test(f) && /\s/.test(f))) continue;
    for (const form of group) if (/^\p{sc=Han}{2,6}$/u.test(form)) addWord(form, 'nr');
  }
}
