/**
 * A compact inverted index with BM25 scoring, in typed arrays.
 *
 * MiniSearch was the first design; on 10,000 articles (100k passages, words + bigrams) it took
 * 50 s to build, 700 MB of heap, 3.2 GB peak RSS around its JSON snapshot and up to 740 ms per
 * query (see the issue notes). Postings in flat typed arrays cost a few bytes each, score in tight
 * loops, and are written to and read from the snapshot as raw bytes.
 */

/** One term of a query and how much it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Hit {
  id: number;
  score: number;
}

/** A document's terms per field, before indexing. */
export interface DocTerms {
  text: readonly string[];
  heading: readonly string[];
  title: readonly string[];
}

// Field weights, folded into the stored term frequency (doubled, so 1.5 stays an integer).
const FIELD_TF2 = { text: 2, heading: 3, title: 3 } as const;
const K1 = 1.2;
const B = 0.75;

/** The arrays that make the index: what the snapshot stores. */
export interface InvertedData {
  /** Every term, in term-id order. */
  terms: string[];
  /** postingStart[t]..postingStart[t+1] are term t's postings. */
  postingStart: Uint32Array;
  postingDoc: Uint32Array;
  /** Field-weighted term frequency ×2 (text 2, heading 3, title 3 per occurrence), capped at 65535. */
  postingTf2: Uint16Array;
  /** Number of text terms of each document, capped at 65535. */
  docLength: Uint16Array;
}

export class InvertedIndex {
  readonly data: InvertedData;
  private readonly termId: Map<string, number>;
  private readonly avgLength: number;
  // Reused between queries: a score per document and the list of those touched.
  private acc: Float64Array;
  private touched: Uint32Array;

  constructor(data: InvertedData) {
    this.data = data;
    this.termId = new Map();
    data.terms.forEach((t, i) => this.termId.set(t, i));
    let total = 0;
    for (const len of data.docLength) total += len;
    this.avgLength = data.docLength.length ? total / data.docLength.length || 1 : 1;
    this.acc = new Float64Array(data.docLength.length);
    this.touched = new Uint32Array(data.docLength.length);
  }

  get documentCount(): number {
    return this.data.docLength.length;
  }

  get termCount(): number {
    return this.data.terms.length;
  }

  /** In how many documents the term occurs. */
  df(term: string): number {
    const t = this.termId.get(term);
    if (t === undefined) return 0;
    return (this.data.postingStart[t + 1] as number) - (this.data.postingStart[t] as number);
  }

  /** Every term of the vocabulary (for suggestions). */
  vocabulary(): readonly string[] {
    return this.data.terms;
  }

  /** BM25 over the weighted terms (OR); the best `limit` documents, best first, and how many matched. */
  search(query: readonly WeightedTerm[], limit: number): { hits: Hit[]; matched: number } {
    const { postingStart, postingDoc, postingTf2, docLength } = this.data;
    const n = docLength.length;
    const acc = this.acc;
    const touched = this.touched;
    let nTouched = 0;
    for (const { term, weight } of query) {
      const t = this.termId.get(term);
      if (t === undefined || weight <= 0) continue;
      const from = postingStart[t] as number;
      const to = postingStart[t + 1] as number;
      const df = to - from;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const w = weight * idf;
      for (let p = from; p < to; p++) {
        const d = postingDoc[p] as number;
        const tf = (postingTf2[p] as number) / 2;
        const norm = K1 * (1 - B + (B * (docLength[d] as number)) / this.avgLength);
        if (acc[d] === 0) touched[nTouched++] = d;
        acc[d] = (acc[d] as number) + (w * tf * (K1 + 1)) / (tf + norm);
      }
    }
    const hits = topK(acc, touched, nTouched, limit);
    for (let i = 0; i < nTouched; i++) acc[touched[i] as number] = 0;
    return { hits, matched: nTouched };
  }

  /** Documents holding every one of the terms (an intersection of postings), in id order. */
  all(terms: readonly string[]): number[] {
    const lists: [number, number][] = [];
    for (const term of new Set(terms)) {
      const t = this.termId.get(term);
      if (t === undefined) return [];
      lists.push([this.data.postingStart[t] as number, this.data.postingStart[t + 1] as number]);
    }
    if (lists.length === 0) return [];
    lists.sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
    const [first, ...rest] = lists as [[number, number], ...[number, number][]];
    let result = Array.from(this.data.postingDoc.subarray(first[0], first[1]));
    for (const [from, to] of rest) {
      const docs = this.data.postingDoc.subarray(from, to);
      result = result.filter((d) => binarySearch(docs, d));
      if (result.length === 0) break;
    }
    return result;
  }
}

function binarySearch(sorted: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The `k` best of the touched documents, best first (ties by lower id, so results are stable). */
function topK(acc: Float64Array, touched: Uint32Array, n: number, k: number): Hit[] {
  if (k <= 0 || n === 0) return [];
  const heap: Hit[] = [];
  const worse = (a: Hit, b: Hit): boolean => a.score < b.score || (a.score === b.score && a.id > b.id);
  for (let i = 0; i < n; i++) {
    const id = touched[i] as number;
    const hit = { id, score: acc[id] as number };
    if (heap.length < k) {
      heap.push(hit);
      siftUp(heap, heap.length - 1, worse);
    } else if (worse(heap[0] as Hit, hit)) {
      heap[0] = hit;
      siftDown(heap, 0, worse);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.id - b.id);
}

function siftUp(h: Hit[], i: number, worse: (a: Hit, b: Hit) => boolean): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(h[i] as Hit, h[parent] as Hit)) break;
    [h[i], h[parent]] = [h[parent] as Hit, h[i] as Hit];
    i = parent;
  }
}

function siftDown(h: Hit[], i: number, worse: (a: Hit, b: Hit) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && worse(h[l] as Hit, h[m] as Hit)) m = l;
    if (r < h.length && worse(h[r] as Hit, h[m] as Hit)) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m] as Hit, h[i] as Hit];
    i = m;
  }
}

/** Terms numbered in first-seen order, each with a counter (a document's term counts, or a term's postings). */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  counts = new Uint32Array(1 << 12);

  /** The term's number, a new one (with its counter at 0) the first time. */
  id(term: string): number {
    let t = this.ids.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.ids.set(term, t);
      this.terms.push(term);
      if (t >= this.counts.length) {
        const grown = new Uint32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    return t;
  }
}

/**
 * The index of a run of consecutive documents (a chunk of articles' passages), built in any thread
 * and sent whole: its own vocabulary, in first-seen order, and its postings grouped by that
 * vocabulary, with document numbers counted from the chunk's first document.
 */
export interface PartialIndex {
  terms: string[];
  /** postingStart[t]..postingStart[t+1] are local term t's postings. */
  postingStart: Uint32Array;
  /** Documents counted from the part's first; 16 bits when the part has few enough (a chunk always has): parts wait in memory until all are in. */
  postingDoc: Uint16Array | Uint32Array;
  postingTf2: Uint16Array;
  docLength: Uint16Array;
}

/** The typed arrays of a partial index, for transferring it to another thread without a copy. */
export function partialBuffers(p: PartialIndex): ArrayBuffer[] {
  return [p.postingStart, p.postingDoc, p.postingTf2, p.docLength].map((a) => a.buffer as ArrayBuffer);
}

/**
 * Builds the index from each document's terms, one document at a time (ids 0, 1, 2… in call
 * order), keeping only flat growable arrays until they are sorted into postings.
 */
export class InvertedBuilder {
  // Its counters are the current document's term counts, reset after each document (faster than a Map per document).
  private readonly vocabulary = new Vocabulary();
  private docs = new Uint32Array(1 << 14);
  private ids = new Uint32Array(1 << 14);
  private tf2 = new Uint16Array(1 << 14);
  private size = 0;
  private readonly lengths: number[] = [];
  private readonly seen: number[] = [];

  add(doc: DocTerms): void {
    const d = this.lengths.length;
    const seen = this.seen;
    seen.length = 0;
    const vocabulary = this.vocabulary;
    const count = (terms: readonly string[], weight: number): void => {
      for (const term of terms) {
        const t = vocabulary.id(term);
        if (vocabulary.counts[t] === 0) seen.push(t);
        vocabulary.counts[t] = (vocabulary.counts[t] as number) + weight;
      }
    };
    count(doc.text, FIELD_TF2.text);
    count(doc.heading, FIELD_TF2.heading);
    count(doc.title, FIELD_TF2.title);
    this.reserve(seen.length);
    for (const t of seen) {
      this.docs[this.size] = d;
      this.ids[this.size] = t;
      this.tf2[this.size] = Math.min(vocabulary.counts[t] as number, 65535);
      vocabulary.counts[t] = 0;
      this.size++;
    }
    this.lengths.push(Math.min(doc.text.length, 65535));
  }

  private reserve(extra: number): void {
    if (this.size + extra <= this.docs.length) return;
    let cap = this.docs.length;
    while (this.size + extra > cap) cap *= 2;
    const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.size));
      return b;
    };
    this.docs = grow(this.docs, (n) => new Uint32Array(n));
    this.ids = grow(this.ids, (n) => new Uint32Array(n));
    this.tf2 = grow(this.tf2, (n) => new Uint16Array(n));
  }

  /** Counting sort by term: postings of each term end up in document order. */
  finishPartial(): PartialIndex {
    const nTerms = this.vocabulary.terms.length;
    const postingStart = new Uint32Array(nTerms + 1);
    for (let i = 0; i < this.size; i++) {
      const t = (this.ids[i] as number) + 1;
      postingStart[t] = (postingStart[t] as number) + 1;
    }
    for (let t = 0; t < nTerms; t++) postingStart[t + 1] = (postingStart[t + 1] as number) + (postingStart[t] as number);
    const fill = postingStart.slice(0, nTerms);
    const postingDoc = this.lengths.length <= 1 << 16 ? new Uint16Array(this.size) : new Uint32Array(this.size);
    const postingTf2 = new Uint16Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const t = this.ids[i] as number;
      const at = fill[t] as number;
      postingDoc[at] = this.docs[i] as number;
      postingTf2[at] = this.tf2[i] as number;
      fill[t] = at + 1;
    }
    return { terms: this.vocabulary.terms, postingStart, postingDoc, postingTf2, docLength: Uint16Array.from(this.lengths) };
  }

  finish(): InvertedIndex {
    const merger = new InvertedMerger();
    merger.add(this.finishPartial());
    return merger.finish();
  }
}

/**
 * Joins partial indexes, given in document order, into one index. Each part's vocabulary is
 * mapped to global term ids as it comes and then dropped; the postings are copied once, into
 * arrays of exactly the final size, and each part is let go as soon as it is copied, so a build
 * holds about one copy of the postings, not the two or three a growing array needs.
 */
export class InvertedMerger {
  // Its counters are each term's postings over all parts.
  private readonly vocabulary = new Vocabulary();
  private readonly parts: ({ globalId: Uint32Array; part: PartialIndex } | undefined)[] = [];
  private docs = 0;

  add(part: PartialIndex): void {
    const globalId = new Uint32Array(part.terms.length);
    const vocabulary = this.vocabulary;
    part.terms.forEach((term, local) => {
      const g = vocabulary.id(term);
      globalId[local] = g;
      vocabulary.counts[g] = (vocabulary.counts[g] as number) + ((part.postingStart[local + 1] as number) - (part.postingStart[local] as number));
    });
    // The strings now live in the global vocabulary; the part keeps only its arrays.
    part.terms = [];
    this.parts.push({ globalId, part });
    this.docs += part.docLength.length;
  }

  finish(): InvertedIndex {
    const { terms, counts: df } = this.vocabulary;
    const nTerms = terms.length;
    const postingStart = new Uint32Array(nTerms + 1);
    for (let t = 0; t < nTerms; t++) postingStart[t + 1] = (postingStart[t] as number) + (df[t] as number);
    const total = postingStart[nTerms] as number;
    const fill = postingStart.slice(0, nTerms);
    const postingDoc = new Uint32Array(total);
    const postingTf2 = new Uint16Array(total);
    const docLength = new Uint16Array(this.docs);
    let offset = 0;
    for (let i = 0; i < this.parts.length; i++) {
      const entry = this.parts[i];
      if (!entry) throw new Error(`inverted: part ${i} was already merged`);
      const { globalId, part } = entry;
      for (let local = 0; local < globalId.length; local++) {
        const g = globalId[local] as number;
        let at = fill[g] as number;
        for (let p = part.postingStart[local] as number, end = part.postingStart[local + 1] as number; p < end; p++, at++) {
          postingDoc[at] = (part.postingDoc[p] as number) + offset;
          postingTf2[at] = part.postingTf2[p] as number;
        }
        fill[g] = at;
      }
      docLength.set(part.docLength, offset);
      offset += part.docLength.length;
      this.parts[i] = undefined;
    }
    return new InvertedIndex({ terms, postingStart, postingDoc, postingTf2, docLength });
  }
}
