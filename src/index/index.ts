import type { Article } from '../corpus/article.ts';
import type { DatedSentence } from '../extract/events.ts';
import { buildPeople, PeopleMemo, type PeopleIndex } from '../extract/people.ts';
import type { ArticleAnalysis } from '../extract/statements.ts';
import { forgetTags } from '../extract/statements/tagging.ts';
import { ChunkBuild } from './chunks.ts';
import { AliasTable } from '../text/aliases.ts';
import { addWord, hanBigrams, tag } from '../text/segment.ts';
import { fold } from '../text/normalize.ts';
import { SearchEngine } from './engine.ts';
import { toPassages, type Passage } from './passages.ts';
import { BIGRAM_PREFIX, isBigramTerm, DEFAULT_TERM_MODE, type TermMode } from './terms.ts';

/**
 * Everything the answers need, built once from the corpus: the articles, their passages, the
 * full-text index over the passages, the shared alias table, the dated sentences (/timeline) and
 * the frequent topics. Pure data: the snapshot stores it.
 */
export interface ShijiIndex {
  articles: Article[];
  passages: Passage[];
  search: SearchEngine;
  aliases: AliasTable;
  termMode: TermMode;
  /** Every article's sentences with their dates resolved, in article order. */
  sentences: DatedSentence[];
  /** sentences[sentenceStart[a] .. sentenceStart[a+1]) belong to article a. */
  sentenceStart: number[];
  /** Frequent names and terms of the corpus, most frequent first: /timeline autocomplete. */
  topics: string[];
  /** Who said what: people and outlets with their statements (/who). */
  people: PeopleIndex;
  /** Each article's statements and named people as extracted: the registry is rebuilt from them on an update. */
  analyses: ArticleAnalysis[];
  /** Per-article results an update reuses (a loaded index has the alias pairs from its snapshot and makes the rest at its first update). */
  memo?: IndexMemo;
}

/** What an update need not recompute for the articles it keeps (each keyed by the Article object). */
export interface IndexMemo {
  people: PeopleMemo;
  aliasPairs: WeakMap<Article, [string, string][]>;
  /** The alias table the last build or update made, with its articles: an update that appends articles adds only theirs (AliasTable.extend). */
  aliasTable?: { articles: readonly Article[]; table: AliasTable };
  /** jieba's verdict on words offered as topics (its dictionary stays the same while this memo lives: see updateIndex). */
  properNouns: Map<string, boolean>;
}

export function newIndexMemo(): IndexMemo {
  return { people: new PeopleMemo(), aliasPairs: new WeakMap(), properNouns: new Map() };
}

export interface BuildOptions {
  termMode?: TermMode;
  /** Worker threads besides this one (see chunks.ts); 0 for none. */
  workers?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export async function buildIndex(articles: Article[], options: BuildOptions = {}): Promise<ShijiIndex> {
  const termMode = options.termMode ?? DEFAULT_TERM_MODE;
  // Worker threads and this one index, date and attribute chunks of articles side by side.
  const search = new SearchEngine();
  const chunks = new ChunkBuild(articles, {
    termMode,
    onChunk: (part, chunk) => {
      for (const rec of search.fromChunk(part, chunk)) search.put(rec);
    },
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    onProgress: (done, total) => options.onProgress?.('index', done, total),
  });
  const memo = newIndexMemo();
  const aliases = AliasTable.build(articles, memo.aliasPairs);
  memo.aliasTable = { articles: articles.slice(), table: aliases };
  teachAliases(aliases);
  chunks.start(aliases.toJSON());
  const passages = toPassages(articles);
  const { sentences, sentenceStart, analyses } = await chunks.finish();
  forgetTags();
  // The steps after the chunks, named for progress reports (and the bench's memory marks).
  options.onProgress?.('periods', 1, 1);
  search.arrange(articles.map((a) => a.id));
  if (search.documentCount !== passages.length) {
    throw new Error(`index: the chunks indexed ${search.documentCount} passages, the corpus has ${passages.length}`);
  }
  options.onProgress?.('people', 1, 1);
  const people = buildPeople(articles, aliases, { analyses, memo: memo.people });
  options.onProgress?.('topics', 1, 1);
  return { articles, passages, search, aliases, termMode, sentences, sentenceStart, analyses, topics: frequentTopics(search, aliases, people, 500, memo), people, memo };
}

/**
 * Names the corpus gives with their originals (斯托尔滕贝格（Jens Stoltenberg）) become dictionary
 * words, so jieba keeps them whole. Only such name pairs: teaching it a compound term
 * (驻日美军驻留经费) would hide the words inside it (驻日美军) from word matching.
 */
export function teachAliases(aliases: AliasTable): void {
  for (const form of taughtWords(aliases)) addWord(form, 'nr');
}

/** The words teachAliases gives jieba, sorted: an update that would change them needs a rebuild. */
export function taughtWords(aliases: AliasTable): string[] {
  const out: string[] = [];
  for (const group of aliases.all()) {
    if (!group.some((f) => /^[A-Za-z]/.test(f) && /\s/.test(f))) continue;
    for (const form of group) if (/^\p{sc=Han}{2,6}$/u.test(form)) out.push(form);
  }
  return [...new Set(out)].sort();
}

// Parts of speech that make a topic: names of people, places, organisations, other proper nouns, Latin words.
const TOPIC_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'eng', 'x']);

/**
 * The topics worth offering: the alias table's names and terms, the people and outlets of the
 * corpus, the subjects they speak about most, and the proper nouns and acronyms of the index,
 * ranked by how many passages (or articles) hold them.
 */
export function frequentTopics(search: SearchEngine, aliases: AliasTable, people: PeopleIndex, limit = 500, memo?: IndexMemo): string[] {
  const proper = memo?.properNouns;
  const scored = new Map<string, number>();
  const put = (form: string, score: number): void => {
    if (score > (scored.get(form) ?? 0)) scored.set(form, score);
  };
  // One form per alias group (the shown one); the other forms are matched when typed (open.ts).
  for (const group of aliases.all()) {
    const df = Math.max(0, ...group.map((f) => formDf(search, f)));
    if (df > 0 && group[0]) put(group[0], df);
  }
  const subjects = new Map<string, number>();
  for (const p of people.people) {
    if (p.mentions > 0) put(p.name, p.mentions);
    for (const t of p.topics) subjects.set(t, (subjects.get(t) ?? 0) + Math.max(1, p.statements.length));
  }
  // Only names among the subjects: 驻日美军 or 北约 make a timeline, 合作 or 举行 do not.
  for (const [t, n] of subjects) if (n >= 2 && isProperNoun(t, proper)) put(t, n);
  // Proper nouns and acronyms of the index's own words (Han words exist only outside bigram mode).
  // Most held first; between equals, code-unit order (the same whatever order the articles came in).
  const words = search.mostHeld(2, 3000, (term) => !isBigramTerm(term) && twoOrMoreCharacters(term) && !/^[\d.,%]+/.test(term));
  for (const [term, df] of words) {
    if (isProperNoun(term, proper)) put(/^[a-z0-9-]+$/.test(term) && term.length <= 6 ? term.toUpperCase() : term, df);
  }
  return [...scored].sort((a, b) => b[1] - a[1]).map(([f]) => f).slice(0, limit);
}

function isProperNoun(word: string, memo?: Map<string, boolean>): boolean {
  let yes = memo?.get(word);
  if (yes === undefined) {
    const t = tag(word);
    yes = t.length === 1 && TOPIC_TAGS.has(t[0]?.tag ?? '');
    memo?.set(word, yes);
  }
  return yes;
}

/** [...term].length >= 2 without making the array (once per term of the vocabulary): two code units are one character only as a surrogate pair. */
function twoOrMoreCharacters(term: string): boolean {
  if (term.length !== 2) return term.length > 2;
  const c = term.charCodeAt(0);
  return c < 0xd800 || c > 0xdbff;
}

/** Passages holding a form, estimated from the index: its word, or the rarest of its bigrams. */
function formDf(search: SearchEngine, form: string): number {
  const f = fold(form);
  const word = search.df(f);
  if (word > 0 || !/\p{sc=Han}/u.test(f)) return word;
  const grams = hanBigrams(form);
  return grams.length ? Math.min(...grams.map((g) => search.df(BIGRAM_PREFIX + g.term))) : 0;
}
