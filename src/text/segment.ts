import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { fold } from './normalize.ts';
import { isStopWord, STOP_WORDS_VERSION } from './stopwords.ts';

/**
 * The one module that knows nodejieba. Indexing and querying both call segment(), so a word is
 * cut the same way on both sides.
 */

/** A word of the text: its folded form and where it stands in the original string. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/** A word with its part of speech (jieba's tags: nr person, ns place, nt organisation, x unknown…). */
export interface TaggedWord {
  word: string;
  tag: string;
  start: number;
  end: number;
}

export const USER_DICT_PATH = fileURLToPath(new URL('./userdict.utf8', import.meta.url));
// A one-word dictionary and tables: loaded over the real ones to free them, or for no keywords.
const EMPTY_DICT_DIR = fileURLToPath(new URL('./empty-dict/', import.meta.url));

let loaded = false;
let dictFingerprint = '';

let keywordTable = true;

/**
 * For a thread that never asks for keywords() (a build worker): jieba is loaded without its
 * keyword (IDF) table, about 20 MB less. Call before anything is cut.
 */
export function segmentWithoutKeywords(): void {
  if (loaded) throw new Error('segment: segmentWithoutKeywords() after jieba was loaded');
  keywordTable = false;
}

function jieba(): typeof nodejieba {
  if (released) throw new Error('segment: the segmenter was released (releaseSegmenter) and cannot cut any more');
  if (!loaded) {
    nodejieba.load({ userDict: USER_DICT_PATH, ...(keywordTable ? {} : { idfDict: `${EMPTY_DICT_DIR}idf.utf8` }) });
    dictFingerprint = createHash('sha256').update(readFileSync(USER_DICT_PATH)).digest('hex').slice(0, 16);
    loaded = true;
  }
  return nodejieba;
}

/**
 * Gives back the dictionaries' memory (about 130 MB; 240 MB without the postinstall patch, scripts/jieba-lazy-textrank.mjs) before a worker thread ends: nodejieba frees
 * them only when load() replaces them (its addon has no destructor, so a thread that ends leaks
 * them), so this loads a one-word dictionary over them. Nothing may be cut afterwards.
 */
export function releaseSegmenter(): void {
  // The HMM model must be a real one: nodejieba's own (exported, though not in its types).
  const hmm: unknown = Reflect.get(nodejieba, 'DEFAULT_HMM_DICT');
  if (!loaded || typeof hmm !== 'string') return;
  nodejieba.load({
    dict: `${EMPTY_DICT_DIR}dict.utf8`,
    hmmDict: hmm,
    userDict: `${EMPTY_DICT_DIR}user.dict.utf8`,
    idfDict: `${EMPTY_DICT_DIR}idf.utf8`,
    stopWordDict: `${EMPTY_DICT_DIR}stop_words.utf8`,
  });
  released = true;
}

let released = false;

/** Changes whenever the user dictionary changes: part of the index snapshot's fingerprint. */
export function segmenterFingerprint(): string {
  jieba();
  return `jieba-hmm:${dictFingerprint}:${TOKENIZER_VERSION}:${STOP_WORDS_VERSION}`;
}

let generation = 0;

/** Changes whenever the segmenter learns a word (addWord): caches of its output must be dropped then. */
export function segmenterGeneration(): string {
  return `${segmenterFingerprint()}#${generation}`;
}

/** Bump when the rules below change, so that old snapshots are rebuilt. */
const TOKENIZER_VERSION = 3;


/**
 * Makes jieba forget every word it was taught (addWord): its dictionaries are loaded again, as in a
 * fresh process (about half a second). For a corpus that no longer gives a name jieba learnt.
 */
export function forgetTaughtWords(): void {
  if (!loaded) return;
  loaded = false;
  jieba();
  generation++;
}

/**
 * Teaches the segmenter a word found in the corpus (a name given with its original, say), so that
 * 斯托尔滕贝格 stays one word. Returns false for a word it already had or could not take.
 */
export function addWord(word: string, tag = 'nz'): boolean {
  const w = fold(word.trim());
  if ([...w].length < 2 || /\s/.test(w)) return false;
  const ok = jieba().insertWord(w, tag);
  if (ok) generation++;
  return ok;
}

// Runs of the text: Han characters go to jieba; letters and digits of other scripts stay whole.
// A number keeps its decimal point, thousands commas, percent sign and a Chinese unit (80亿, 3.5%, 5,500亿).
const WORD_CHAR = String.raw`[[\p{L}\p{N}]--\p{sc=Han}]`;
const RUN_RE = new RegExp(String.raw`\d+(?:[.,]\d+)*%?[万亿兆]?|${WORD_CHAR}(?:${WORD_CHAR}|[\-'.&+](?=${WORD_CHAR}))*`, 'gv');

/**
 * Words of a text for matching, in order, with their offsets in the original text.
 * Stop words, punctuation and spaces are left out; Latin, acronyms and numbers stay whole and
 * case-folded (TPP, F-35, COVID-19, 3.5%, 80亿); Han text is cut by jieba with the HMM on, so that
 * names outside the dictionary (岸田文雄) stay whole.
 */
export function segment(text: string): Token[] {
  return segmentFolded(fold(text));
}

function segmentFolded(folded: string): Token[] {
  const tokens: Token[] = [];
  wordsOf(runs(folded), true, (term, start) => tokens.push({ term, start, end: start + term.length }));
  return tokens;
}

/**
 * The words of a text's runs, each given with where it starts, stop words left out: Latin words
 * and numbers whole, Han runs cut by jieba, or (`jiebaWords` false) only a lone Han character.
 */
function wordsOf(runList: readonly Run[], jiebaWords: boolean, emit: (term: string, start: number) => void): void {
  const cuts = jiebaWords ? cutHanRuns(runList) : [];
  let h = 0;
  for (const run of runList) {
    if (!run.han) {
      if (!isStopWord(run.text)) emit(run.text, run.start);
    } else if (jiebaWords) {
      let at = run.start;
      for (const piece of cuts[h++] ?? []) {
        if (!isStopWord(piece)) emit(piece, at);
        at += piece.length;
      }
    } else if (run.text.length === 1 && !isStopWord(run.text)) {
      emit(run.text, run.start);
    }
  }
}

/**
 * jieba's words of each Han run, in one call for all of them: jieba cuts a text at each newline
 * first and each line on its own (cppjieba's PreFilter), so the runs joined by newlines come back
 * cut exactly as one call per run would cut them, without the cost of a call per run (a passage
 * has a dozen runs, one per clause).
 */
function cutHanRuns(runList: readonly Run[]): string[][] {
  const han = runList.filter((r) => r.han);
  if (han.length === 0) return [];
  if (han.length === 1) return [jieba().cut((han[0] as Run).text, true)];
  const out: string[][] = [[]];
  for (const piece of jieba().cut(han.map((r) => r.text).join('\n'), true)) {
    if (piece === '\n') out.push([]);
    else (out[out.length - 1] as string[]).push(piece);
  }
  // Should jieba ever keep a newline inside a word, fall back to a call per run.
  return out.length === han.length ? out : han.map((r) => jieba().cut(r.text, true));
}

interface Run {
  text: string;
  start: number;
  han: boolean;
}

// A Han run, or a word or number (RUN_RE): one pass of one expression over the text.
const TOKEN_RE = new RegExp(String.raw`(\p{sc=Han}+)|${RUN_RE.source}`, 'gv');

/** Splits folded text into Han runs and whole non-Han words, dropping everything else. */
function runs(folded: string): Run[] {
  const out: Run[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) out.push({ text: m[0], start: m.index, han: m[1] !== undefined });
  return out;
}

/** Character bigrams of every Han run: they let a word jieba cuts otherwise still match (美军 in 驻日美军基地). */
export function hanBigrams(text: string): Token[] {
  return bigramsOf(runs(fold(text)));
}

function bigramsOf(runList: Run[]): Token[] {
  const out: Token[] = [];
  for (const run of runList) {
    if (!run.han) continue;
    for (let k = 0; k + 1 < run.text.length; k++) {
      out.push({ term: run.text.slice(k, k + 2), start: run.start + k, end: run.start + k + 2 });
    }
  }
  return out;
}

/**
 * What the index stores for a text, as plain strings in text order (the index needs no offsets, and
 * a build makes tens of millions of these): its words, then its Han bigrams each behind
 * `bigramPrefix` (none when it is undefined). The words are jieba's (as segment() gives them), or
 * with `jiebaWords` false those bigramIndexTerms() gives. The same terms as those functions give.
 */
export function indexTerms(text: string, options: { jiebaWords: boolean; bigramPrefix: string | undefined }): string[] {
  const runList = runs(fold(text));
  const out: string[] = [];
  wordsOf(runList, options.jiebaWords, (term) => out.push(term));
  const prefix = options.bigramPrefix;
  if (prefix !== undefined) {
    for (const run of runList) {
      if (!run.han) continue;
      const t = run.text;
      for (let k = 0; k + 1 < t.length; k++) out.push(prefix + t[k] + t[k + 1]);
    }
  }
  return out;
}

/** jieba's words of a text as given (no fold, no stop words out): tag() is these words, each looked up alone, and is dearer. */
export function cutWords(text: string): string[] {
  return jieba().cut(text, true);
}

/** Part-of-speech tags of a text (original characters kept, offsets into it): for finding names. */
export function tag(text: string): TaggedWord[] {
  const out: TaggedWord[] = [];
  let at = 0;
  for (const { word, tag: t } of jieba().tag(text)) {
    // jieba returns every character back, so offsets are a running sum.
    out.push({ word, tag: t, start: at, end: at + word.length });
    at += word.length;
  }
  return out;
}

/** The text's keywords by jieba's TF-IDF, stop words and one-character words out. */
export function keywords(text: string, n: number): string[] {
  if (!keywordTable) throw new Error('segment: keywords() in a thread whose jieba was loaded without the keyword table');
  if (n <= 0 || !text.trim()) return [];
  return keptKeywords(weightedKeywords(fold(text), n * 3).map((k) => k.word), n);
}

/** What keywords() keeps of jieba's list, in its order: words of two characters or more, no stop words, no bare numbers. */
export function keptKeywords(words: readonly string[], n: number): string[] {
  return words.filter((w) => [...w].length > 1 && !isStopWord(w) && !/^\d+$/.test(w)).slice(0, n);
}

/** jieba's TF-IDF extraction of an already folded text as it gives it: the `topN` heaviest words, each with its weight (count × IDF). */
export function weightedKeywords(folded: string, topN: number): { word: string; weight: number }[] {
  if (!keywordTable) throw new Error('segment: keywords() in a thread whose jieba was loaded without the keyword table');
  return jieba().extract(folded, topN);
}
