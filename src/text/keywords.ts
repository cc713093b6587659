import { keptFor } from './memo.ts';
import { fold } from './normalize.ts';
import { cutWords, keptKeywords, segmenterGeneration, weightedKeywords } from './segment.ts';

/**
 * keywords() of several texts joined by newlines, made from each text's words, cut once and kept:
 * a person's keyword text is their newest statements, and an update adds a few statements to a
 * few people, so cutting every kept statement again (jieba's whole cost) is waste.
 *
 * Exactly what jieba's TF-IDF extractor (cppjieba's KeywordExtractor) gives for the joined text:
 * - a newline is one of jieba's separators, so the joined text's words are each text's words in turn;
 * - a word counts unless it is one character or a jieba stop word; its weight is count × IDF, the IDF
 *   read from jieba itself (the extraction of the word alone, when jieba cuts it as one word);
 * - the words are ordered as its std::map orders them (UTF-8 bytes, i.e. code points) and the
 *   heaviest picked by libstdc++'s partial_sort (a heap: equal weights come out in its order, not the text's).
 * A text with a word whose IDF could not be read makes the call fall back to jieba on the joined text.
 */
export class KeywordCounts {
  private generation = '';
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** Per word id: its IDF; -1 not counted (stop word, one character); NaN not known. */
  private readonly idf: number[] = [];
  /** Each text's counted words (ids, repeats kept), or null when one of its words' IDF is unknown. */
  private texts = new Map<string, Uint32Array | null>();

  /** `slack`: how many texts more than twice the live ones are kept before prune() forgets. */
  constructor(private readonly slack = 1000) {}

  /** keywords(texts.map((t) => `${t}\n`).join(''), n). */
  keywords(texts: readonly string[], n: number): string[] {
    if (n <= 0 || texts.every((t) => !t.trim())) return [];
    this.sameSegmenter();
    const counts = new Map<number, number>();
    for (const t of texts) {
      const ids = this.wordsOf(t);
      if (!ids) return keptKeywords(weightedKeywords(fold(joinLines(texts)), n * 3).map((k) => k.word), n);
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const list: Weighted[] = [];
    for (const [id, count] of counts) list.push({ word: this.words[id] as string, weight: count * (this.idf[id] as number) });
    list.sort((a, b) => codePointOrder(a.word, b.word));
    return keptKeywords(heaviest(list, n * 3).map((w) => w.word), n);
  }

  /** Forgets the texts not in `keep` (the caller's live texts), when they are many. */
  prune(keep: Iterable<string>, live: number): void {
    this.texts = keptFor(this.texts, keep, live, this.slack);
  }

  /**
   * The cuts of `texts` as a snapshot stores them: the words they hold with their IDFs, and each cut
   * text's word numbers (null: a word of it has no known IDF), by its place in `texts`.
   */
  state(texts: readonly string[]): KeywordCutsState {
    const words: string[] = [];
    const idf: number[] = [];
    const renumber = new Map<number, number>();
    const cuts: KeywordCutsState['cuts'] = [];
    texts.forEach((t, i) => {
      const ids = this.texts.get(t);
      if (ids === undefined) return;
      cuts.push([i, ids === null ? null : Array.from(ids, (id) => {
        let k = renumber.get(id);
        if (k === undefined) {
          renumber.set(id, (k = words.push(this.words[id] as string) - 1));
          idf.push(this.idf[id] as number);
        }
        return k;
      })]);
    });
    return { words, idf, cuts };
  }

  /**
   * The cuts state() stored, for the same texts in the same order. Valid only under the dictionary
   * they were cut with: the caller restores after teaching jieba the build's names (as the build had).
   */
  restore(state: KeywordCutsState, texts: readonly string[]): void {
    this.sameSegmenter();
    const base = this.words.length;
    state.words.forEach((w, k) => {
      if (this.ids.has(w)) throw new Error(`keywords: the stored word ${w} is already counted`);
      this.ids.set(w, base + k);
      this.words.push(w);
      this.idf.push(state.idf[k] ?? Number.NaN);
    });
    for (const [i, ids] of state.cuts) {
      const t = texts[i];
      if (t === undefined) throw new Error(`keywords: a stored cut of text ${i} of ${texts.length}`);
      if (ids?.some((id) => id >= state.words.length)) throw new Error(`keywords: text ${i}'s stored cut names a word past ${state.words.length}`);
      this.texts.set(t, ids === null ? null : Uint32Array.from(ids, (id) => base + id));
    }
  }

  get size(): number {
    return this.texts.size;
  }

  /** A word jieba learnt (addWord) may cut texts otherwise: what was kept is then dropped. */
  private sameSegmenter(): void {
    const g = segmenterGeneration();
    if (g === this.generation) return;
    this.generation = g;
    this.ids.clear();
    this.words.length = 0;
    this.idf.length = 0;
    this.texts = new Map();
  }

  private wordsOf(text: string): Uint32Array | null {
    let ids = this.texts.get(text);
    if (ids !== undefined) return ids;
    // Lone surrogates reach jieba as replacement characters: the joined text is left to jieba itself.
    const folded = LONE_SURROGATE_RE.test(text) ? undefined : fold(text);
    const cut = folded === undefined ? [] : cutWords(folded);
    const out: number[] = [];
    let known = folded !== undefined;
    let fromText: Map<string, number> | undefined;
    for (const w of cut) {
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.words.length;
        this.ids.set(w, id);
        this.words.push(w);
        this.idf.push(idfAlone(w));
      }
      if (Number.isNaN(this.idf[id])) {
        // jieba cuts the word otherwise when alone: its weight in this text's extraction is its IDF when the text holds it once.
        fromText ??= new Map(weightedKeywords(folded as string, 1 << 30).map((k) => [k.word, k.weight]));
        const once = cut.filter((x) => x === w).length === 1;
        if (once) this.idf[id] = fromText.get(w) ?? -1;
      }
      const v = this.idf[id] as number;
      if (Number.isNaN(v)) known = false;
      else if (v >= 0) out.push(id);
    }
    ids = known ? Uint32Array.from(out) : null;
    this.texts.set(text, ids);
    return ids;
  }
}

const LONE_SURROGATE_RE = /\p{Cs}/u;

interface Weighted {
  word: string;
  weight: number;
}

/** KeywordCounts' cuts as a snapshot stores them (see KeywordCounts.state). */
export interface KeywordCutsState {
  words: string[];
  idf: number[];
  cuts: [number, number[] | null][];
}

/** The texts joined as a person's keyword text is: each followed by a newline. */
export function joinLines(texts: readonly string[]): string {
  let text = '';
  for (const t of texts) text += `${t}\n`;
  return text;
}

/** A word's IDF as jieba's extractor has it; -1 when it never counts (one character, a stop word); NaN when jieba does not cut it alone as one word. */
function idfAlone(word: string): number {
  const first = word.codePointAt(0) as number;
  if (word.length === (first > 0xffff ? 2 : 1)) return -1;
  const cut = cutWords(word);
  if (cut.length !== 1 || cut[0] !== word) return Number.NaN;
  return weightedKeywords(word, 1)[0]?.weight ?? -1;
}

/** std::string order of UTF-8: code point order (UTF-16 units order them otherwise only around surrogates). */
function codePointOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * std::partial_sort(first, first + topN, last, weight greater) as libstdc++ does it (__heap_select,
 * then __sort_heap), on a copy: the heaviest topN, heaviest first, equal weights in its order.
 */
function heaviest(list: Weighted[], topN: number): Weighted[] {
  const a = list.slice();
  const middle = Math.min(topN, a.length);
  const comp = (x: Weighted, y: Weighted): boolean => x.weight > y.weight;
  // __adjust_heap then __push_heap, on a[0 .. len).
  const adjust = (holeIndex: number, len: number, value: Weighted): void => {
    const top = holeIndex;
    let hole = holeIndex;
    let second = hole;
    while (second < Math.trunc((len - 1) / 2)) {
      second = 2 * (second + 1);
      if (comp(a[second] as Weighted, a[second - 1] as Weighted)) second--;
      a[hole] = a[second] as Weighted;
      hole = second;
    }
    if ((len & 1) === 0 && second === Math.trunc((len - 2) / 2)) {
      second = 2 * (second + 1);
      a[hole] = a[second - 1] as Weighted;
      hole = second - 1;
    }
    let parent = Math.trunc((hole - 1) / 2);
    while (hole > top && comp(a[parent] as Weighted, value)) {
      a[hole] = a[parent] as Weighted;
      hole = parent;
      parent = Math.trunc((hole - 1) / 2);
    }
    a[hole] = value;
  };
  // __pop_heap(first, last, result): the heap's top goes to result, result's value into the heap.
  const pop = (last: number, result: number): void => {
    const value = a[result] as Weighted;
    a[result] = a[0] as Weighted;
    adjust(0, last, value);
  };
  if (middle >= 2) {
    for (let parent = Math.trunc((middle - 2) / 2); ; parent--) {
      adjust(parent, middle, a[parent] as Weighted);
      if (parent === 0) break;
    }
  }
  for (let i = middle; i < a.length; i++) if (comp(a[i] as Weighted, a[0] as Weighted)) pop(middle, i);
  for (let last = middle; last > 1; ) {
    last--;
    pop(last, last);
  }
  return a.slice(0, middle);
}
