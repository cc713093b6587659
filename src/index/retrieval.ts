import MiniSearch, { type Options as MiniSearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { isBigramTerm } from './terms.ts';
import { Vocabulary } from './vocabulary.ts';

/**
 * The retrieval stage's MiniSearch: its options, and a period's index in flat arrays
 * (PeriodIndex), which is what a build makes, a period's file stores and a load restores. A
 * MiniSearch is made from it (miniSearchOf) with its postings read in place from those arrays: no
 * add() per article (a tree lookup per article and term), no Map per term and field, and no plain
 * copy of the whole tree (toJSON) at save.
 */

export const SEP = '\u0000';
// A term counts at most this often in an article's body for retrieval (passage scoring has the true counts).
const BODY_TF_CAP = 1;

// Documents arrive tokenised (our jieba words and bigrams, src/text): MiniSearch must neither cut nor change them.
export const MINI_OPTIONS: MiniSearchOptions = {
  fields: ['title', 'body'],
  storeFields: [],
  extractField: (doc, field) => (doc as Record<string, unknown>)[field] as string,
  stringifyField: (value) => value,
  tokenize: (value) => (Array.isArray(value) ? (value as string[]) : value ? value.split(SEP) : []),
  // Han bigrams stay out of MiniSearch (measured at 2,000 articles: the same /ask quality without
  // them, 2.5× less heap); all() finds them through each article's sorted bigram ids.
  // Terms go in as they are: the period's term table (PeriodTerms) is no radix tree, so Chinese
  // terms' thousands of first characters cost nothing (MiniSearch's own tree scans a node's children one by one).
  processTerm: (term) => (isBigramTerm(term) ? null : term),
};

// MiniSearch numbers the fields in the order of `fields`.
const TITLE = 0;
const BODY = 1;

/** What the retrieval stage reads of an article: its id, its title's terms and its passages' terms (ids into one vocabulary). */
export interface RetrievalRecord {
  key: string;
  /** The title's terms in order, repeats kept (bigrams too: they count in MiniSearch's field length). */
  titleIds: Uint32Array;
  /** Every passage's distinct term ids (title terms included, as the forward index holds them). */
  termIds: Uint32Array;
  /** Each entry's field-weighted frequency ×2. */
  tf2: Uint8Array | Uint16Array;
}

/** The body MiniSearch indexes for an article: each distinct term of its passages, as often as its text holds it (capped). */
export function bodyFrequency(tf2Sum: number): number {
  return Math.min(BODY_TF_CAP, Math.max(1, Math.round(tf2Sum / 2)));
}

/**
 * A period's MiniSearch index as flat arrays. Article d (MiniSearch's short id) is keys[d]; the
 * postings of term t in the title are [titleOffsets[t], titleOffsets[t+1]) of titleDocs/titleFreqs,
 * likewise for the body. Terms are words as the index has them (not hex).
 */
export interface PeriodIndex {
  keys: string[];
  /** Article d's title and body lengths (distinct terms, as MiniSearch counts them) at 2d, 2d+1. */
  fieldLength: Uint32Array;
  /** Mean title and body lengths, computed as add() keeps them (a running mean), so that scores agree to the bit. */
  averageFieldLength: [number, number];
  terms: string[];
  titleOffsets: Uint32Array;
  titleDocs: Narrow;
  titleFreqs: Narrow;
  bodyOffsets: Uint32Array;
  bodyDocs: Narrow;
  bodyFreqs: Narrow;
}

/**
 * Postings' documents and frequencies in the narrowest unsigned array that holds them: a period
 * numbers its documents from 0 (a year of 100k articles has ~9k: two bytes), and body frequencies
 * are capped at 1 (one byte). At 100k articles four bytes each took ~150 MB, in the build and at load.
 */
export type Narrow = Uint8Array | Uint16Array | Uint32Array;

/** The values in the narrowest of Uint8Array, Uint16Array, Uint32Array that holds them all. */
export function narrow(values: Uint32Array): Narrow {
  let max = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max <= 0xff ? Uint8Array.from(values) : max <= 0xffff ? Uint16Array.from(values) : values;
}

/**
 * The period's index of these records (in index order: an article's short id is its place), the
 * same MiniSearch would hold after add()ing them one by one. `termOf` gives a vocabulary id's term.
 */
export function periodIndex(records: readonly RetrievalRecord[], termOf: (id: number) => string): PeriodIndex {
  const n = records.length;
  const fieldLength = new Uint32Array(2 * n);
  const avg: [number, number] = [0, 0];
  // Vocabulary id → this period's term number, and whether it is a bigram (1: not in MiniSearch) or a word (2).
  const local = new Map<number, number>();
  const kind = new Map<number, number>();
  const terms: string[] = [];
  const pairs: [Postings, Postings] = [new Postings(), new Postings()];
  const localOf = (id: number): number => {
    let k = kind.get(id);
    if (k === undefined) kind.set(id, (k = isBigramTerm(termOf(id)) ? 1 : 2));
    if (k === 1) return -1;
    let l = local.get(id);
    if (l === undefined) {
      local.set(id, (l = terms.length));
      terms.push(termOf(id));
    }
    return l;
  };
  const counts = new Map<number, number>();
  records.forEach((rec, d) => {
    counts.clear();
    for (const id of rec.titleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    fieldLength[2 * d] = counts.size;
    for (const [id, c] of counts) {
      const l = localOf(id);
      if (l >= 0) pairs[TITLE].push(l, d, c);
    }
    counts.clear();
    for (let e = 0; e < rec.termIds.length; e++) {
      const id = rec.termIds[e] as number;
      counts.set(id, (counts.get(id) ?? 0) + (rec.tf2[e] as number));
    }
    fieldLength[2 * d + 1] = counts.size;
    for (const [id, tf2] of counts) {
      const l = localOf(id);
      if (l >= 0) pairs[BODY].push(l, d, bodyFrequency(tf2));
    }
    // MiniSearch's addFieldLength: the mean after d articles, updated with this one.
    for (const f of [TITLE, BODY]) avg[f] = ((avg[f] as number) * d + (fieldLength[2 * d + f] as number)) / (d + 1);
  });
  const title = pairs[TITLE].byTerm(terms.length);
  const body = pairs[BODY].byTerm(terms.length);
  return {
    keys: records.map((r) => r.key),
    fieldLength,
    averageFieldLength: avg,
    terms,
    titleOffsets: title.offsets,
    titleDocs: title.docs,
    titleFreqs: title.freqs,
    bodyOffsets: body.offsets,
    bodyDocs: body.docs,
    bodyFreqs: body.freqs,
  };
}

/** (term, doc, freq) triples in growable arrays, then grouped by term (docs ascending within a term, as they came). */
class Postings {
  private term: Uint32Array = new Uint32Array(1024);
  private doc: Uint32Array = new Uint32Array(1024);
  private freq: Uint32Array = new Uint32Array(1024);
  private size = 0;

  push(term: number, doc: number, freq: number): void {
    if (this.size === this.term.length) {
      const grow = (a: Uint32Array): Uint32Array => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.term = grow(this.term);
      this.doc = grow(this.doc);
      this.freq = grow(this.freq);
    }
    this.term[this.size] = term;
    this.doc[this.size] = doc;
    this.freq[this.size] = freq;
    this.size++;
  }

  byTerm(terms: number): { offsets: Uint32Array; docs: Narrow; freqs: Narrow } {
    const offsets = new Uint32Array(terms + 1);
    for (let i = 0; i < this.size; i++) {
      const t = (this.term[i] as number) + 1;
      offsets[t] = (offsets[t] as number) + 1;
    }
    for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const at = offsets.slice(0, terms);
    const docs = new Uint32Array(this.size);
    const freqs = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const t = this.term[i] as number;
      const k = at[t] as number;
      at[t] = k + 1;
      docs[k] = this.doc[i] as number;
      freqs[k] = this.freq[i] as number;
    }
    return { offsets, docs: narrow(docs), freqs: narrow(freqs) };
  }
}

type PlainIndex = Parameters<typeof MiniSearch.loadJS>[0];

/** What MiniSearch keeps for a term: field id → (short id → frequency). */
type TermData = Map<number, Map<number, number>>;

/**
 * The period's MiniSearch, made from its flat index: its term map (a radix tree of Maps, one per
 * term and more per branch) is replaced by a PeriodTerms table over the flat arrays, where each
 * term's entry is a TermPostings view made when first asked for (the part of the Map interface
 * MiniSearch uses: add, discard, vacuum, search, toJSON), which copies itself into real Maps only
 * when MiniSearch changes it (an update). At 10k articles the Maps of 2M postings took ~200 MB of
 * heap and the tree another ~90 MB; the table takes a few bytes per term. loadJS takes the
 * document table; when the term map is not where MiniSearch 7 keeps it, everything goes through
 * loadJS (`viaLoadJS` forces it: MiniSearch's own tree of plain Maps, for checks).
 */
export function miniSearchOf(p: PeriodIndex, options: { viaLoadJS?: boolean } = {}): MiniSearch {
  const n = p.keys.length;
  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  for (let d = 0; d < n; d++) {
    documentIds[d] = p.keys[d] as string;
    fieldLength[d] = [p.fieldLength[2 * d] as number, p.fieldLength[2 * d + 1] as number];
  }
  const plain = (index: Iterable<[string, Record<string, Record<number, number>>]>): PlainIndex =>
    ({
      documentCount: n,
      nextId: n,
      documentIds,
      fieldIds: { title: TITLE, body: BODY },
      fieldLength,
      averageFieldLength: p.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index,
      serializationVersion: 2,
    }) as unknown as PlainIndex;
  if (options.viaLoadJS) return MiniSearch.loadJS(plain(plainEntries(p)), MINI_OPTIONS);
  const mini = MiniSearch.loadJS(plain([]), MINI_OPTIONS);
  const inner = mini as unknown as { _index?: { set?: unknown; size?: unknown } };
  if (inner._index && typeof inner._index.set === 'function' && inner._index.size === 0) {
    (inner as { _index: unknown })._index = new PeriodTerms(p);
    return mini;
  }
  return MiniSearch.loadJS(plain(plainEntries(p)), MINI_OPTIONS);
}

/**
 * A period's term map as MiniSearch uses it (get, has, set, fetch, delete, size, iteration; the
 * prefix and fuzzy lookups of its SearchableMap through a tree made when first asked for), over
 * the flat index: a term is found through an open-addressing table of the period's term numbers,
 * and its entry (a TermPostings view) is made at its first use and kept, since MiniSearch changes
 * the object it gets. Terms MiniSearch adds or deletes (an update, a vacuum) go into small overlays.
 */
export class PeriodTerms {
  private readonly lookup: Vocabulary;
  // Term number → its entry once made (a sparse array: a query or an update touches few terms).
  private readonly views: (TermData | undefined)[] = [];
  private removed: Set<number> | undefined;
  // Terms not in the flat index, in the order they came.
  private added: Map<string, TermData> | undefined;
  private tree: { map: SearchableMap<TermData>; version: number } | undefined;
  private version = 0;

  constructor(private readonly p: PeriodIndex) {
    this.lookup = Vocabulary.over(p.terms);
  }

  get size(): number {
    return this.p.terms.length - (this.removed?.size ?? 0) + (this.added?.size ?? 0);
  }

  get(term: string): TermData | undefined {
    const extra = this.added?.get(term);
    if (extra) return extra;
    const t = this.flat(term);
    return t < 0 ? undefined : this.view(t);
  }

  has(term: string): boolean {
    return !!this.added?.has(term) || this.flat(term) >= 0;
  }

  set(term: string, data: TermData): this {
    this.version++;
    const t = this.lookup.get(term) ?? -1;
    if (t >= 0 && !this.added?.has(term)) {
      // A flat term set again (deleted, then added back) goes last, as in a Map.
      if (this.removed?.has(t)) (this.added ??= new Map()).set(term, data);
      else this.views[t] = data;
    } else (this.added ??= new Map()).set(term, data);
    return this;
  }

  fetch(term: string, initial: () => TermData): TermData {
    const known = this.get(term);
    if (known) return known;
    const data = initial();
    this.set(term, data);
    return data;
  }

  delete(term: string): boolean {
    this.version++;
    if (this.added?.delete(term)) return true;
    const t = this.flat(term);
    if (t < 0) return false;
    (this.removed ??= new Set()).add(t);
    this.views[t] = undefined;
    return true;
  }

  clear(): void {
    this.version++;
    this.removed = new Set(this.p.terms.map((_, t) => t));
    this.views.length = 0;
    this.added = undefined;
  }

  *entries(): IterableIterator<[string, TermData]> {
    const terms = this.p.terms;
    for (let t = 0; t < terms.length; t++) if (!this.removed?.has(t)) yield [terms[t] as string, this.view(t)];
    if (this.added) yield* this.added.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [term] of this.entries()) yield term;
  }

  *values(): IterableIterator<TermData> {
    for (const [, data] of this.entries()) yield data;
  }

  forEach(fn: (data: TermData, term: string, map: this) => void): void {
    for (const [term, data] of this.entries()) fn(data, term, this);
  }

  [Symbol.iterator](): IterableIterator<[string, TermData]> {
    return this.entries();
  }

  /** MiniSearch's prefix search: a SearchableMap of the terms, made at the first prefix or fuzzy query after a change. */
  atPrefix(prefix: string): SearchableMap<TermData> {
    return this.searchable().atPrefix(prefix);
  }

  fuzzyGet(term: string, maxEditDistance: number): ReturnType<SearchableMap<TermData>['fuzzyGet']> {
    return this.searchable().fuzzyGet(term, maxEditDistance);
  }

  private searchable(): SearchableMap<TermData> {
    if (this.tree?.version !== this.version) this.tree = { map: SearchableMap.from<TermData>(this.entries()), version: this.version };
    return this.tree.map;
  }

  /** The flat term number of a term still present there, or −1. */
  private flat(term: string): number {
    const t = this.lookup.get(term);
    return t === undefined || this.removed?.has(t) ? -1 : t;
  }

  private view(t: number): TermData {
    let v = this.views[t];
    if (!v) this.views[t] = v = new TermPostings(this.p, t) as unknown as TermData;
    return v;
  }
}

/**
 * A term's documents and frequencies in one field: entries [from, to) of a period's flat arrays
 * (documents ascending), read in place. MiniSearch's changes (an update's add and discard, a
 * vacuum) go into small overlays — documents removed, frequencies changed, documents added after
 * the flat ones — so an update never copies a common term's whole posting list into a Map. It
 * behaves as a Map would, insertion order included (a flat document deleted and set again goes last).
 */
export class FieldPostings {
  private removed: Set<number> | undefined;
  private changed: Map<number, number> | undefined;
  private added: Map<number, number> | undefined;

  constructor(
    private readonly docs: Narrow,
    private readonly freqs: Narrow,
    private from: number,
    private readonly to: number,
  ) {}

  get size(): number {
    return this.to - this.from - (this.removed?.size ?? 0) + (this.added?.size ?? 0);
  }

  get(doc: number): number | undefined {
    const extra = this.added?.get(doc);
    if (extra !== undefined) return extra;
    const k = this.flat(doc);
    return k < 0 ? undefined : (this.changed?.get(doc) ?? (this.freqs[k] as number));
  }

  has(doc: number): boolean {
    return !!this.added?.has(doc) || this.flat(doc) >= 0;
  }

  set(doc: number, freq: number): this {
    if (this.added?.has(doc) || this.flat(doc) < 0) (this.added ??= new Map()).set(doc, freq);
    else (this.changed ??= new Map()).set(doc, freq);
    return this;
  }

  delete(doc: number): boolean {
    if (this.added?.delete(doc)) return true;
    if (this.flat(doc) < 0) return false;
    (this.removed ??= new Set()).add(doc);
    this.changed?.delete(doc);
    return true;
  }

  clear(): void {
    this.from = this.to;
    this.removed = undefined;
    this.changed = undefined;
    this.added = undefined;
  }

  /** As Map.forEach: (frequency, document). */
  forEach(fn: (freq: number, doc: number, map: this) => void): void {
    const { docs, freqs, removed, changed } = this;
    if (!removed && !changed) for (let k = this.from; k < this.to; k++) fn(freqs[k] as number, docs[k] as number, this);
    else
      for (let k = this.from; k < this.to; k++) {
        const doc = docs[k] as number;
        if (!removed?.has(doc)) fn(changed?.get(doc) ?? (freqs[k] as number), doc, this);
      }
    this.added?.forEach((freq, doc) => fn(freq, doc, this));
  }

  *entries(): IterableIterator<[number, number]> {
    for (let k = this.from; k < this.to; k++) {
      const doc = this.docs[k] as number;
      if (!this.removed?.has(doc)) yield [doc, this.changed?.get(doc) ?? (this.freqs[k] as number)];
    }
    if (this.added) yield* this.added.entries();
  }

  *keys(): IterableIterator<number> {
    for (let k = this.from; k < this.to; k++) {
      const doc = this.docs[k] as number;
      if (!this.removed?.has(doc)) yield doc;
    }
    if (this.added) yield* this.added.keys();
  }

  *values(): IterableIterator<number> {
    for (const [, freq] of this.entries()) yield freq;
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  /** The flat entry of a document still present there, or −1. */
  private flat(doc: number): number {
    let lo = this.from;
    let hi = this.to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.docs[mid] as number;
      if (d === doc) return this.removed?.has(doc) ? -1 : mid;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

type FieldData = FieldPostings | Map<number, number>;

/**
 * A term's entry in a period's MiniSearch (field id → its postings), over the period's flat index.
 * A field's view is made when first asked for and kept (MiniSearch changes the object it gets);
 * adding or removing a whole field turns the entry into a Map of its own.
 */
export class TermPostings {
  private own: Map<number, FieldData> | undefined;
  private title: FieldPostings | undefined;
  private body: FieldPostings | undefined;

  constructor(
    private readonly p: PeriodIndex,
    private readonly t: number,
  ) {}

  get size(): number {
    if (this.own) return this.own.size;
    return (this.has(TITLE) ? 1 : 0) + (this.has(BODY) ? 1 : 0);
  }

  has(field: number): boolean {
    if (this.own) return this.own.has(field);
    const offsets = field === TITLE ? this.p.titleOffsets : field === BODY ? this.p.bodyOffsets : undefined;
    return !!offsets && (offsets[this.t + 1] as number) > (offsets[this.t] as number);
  }

  get(field: number): FieldData | undefined {
    if (this.own) return this.own.get(field);
    if (!this.has(field)) return undefined;
    const p = this.p;
    if (field === TITLE) return (this.title ??= new FieldPostings(p.titleDocs, p.titleFreqs, p.titleOffsets[this.t] as number, p.titleOffsets[this.t + 1] as number));
    return (this.body ??= new FieldPostings(p.bodyDocs, p.bodyFreqs, p.bodyOffsets[this.t] as number, p.bodyOffsets[this.t + 1] as number));
  }

  set(field: number, data: FieldData): this {
    this.map().set(field, data);
    return this;
  }

  delete(field: number): boolean {
    return this.map().delete(field);
  }

  forEach(fn: (data: FieldData, field: number, map: this) => void): void {
    for (const [field, data] of this.entries()) fn(data, field, this);
  }

  *entries(): IterableIterator<[number, FieldData]> {
    if (this.own) {
      yield* this.own.entries();
      return;
    }
    for (const field of [TITLE, BODY]) {
      const data = this.get(field);
      if (data) yield [field, data];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [field] of this.entries()) yield field;
  }

  *values(): IterableIterator<FieldData> {
    for (const [, data] of this.entries()) yield data;
  }

  [Symbol.iterator](): IterableIterator<[number, FieldData]> {
    return this.entries();
  }

  private map(): Map<number, FieldData> {
    if (!this.own) {
      const own = new Map<number, FieldData>();
      for (const [field, data] of this.entries()) own.set(field, data);
      this.own = own;
    }
    return this.own;
  }
}

function postingMap(offsets: Uint32Array, docs: Narrow, freqs: Narrow, t: number): Map<number, number> | undefined {
  const from = offsets[t] as number;
  const to = offsets[t + 1] as number;
  if (from === to) return undefined;
  const out = new Map<number, number>();
  for (let k = from; k < to; k++) out.set(docs[k] as number, freqs[k] as number);
  return out;
}

/** The terms as loadJS reads them (for…of: a generator gives one term's entry at a time). */
function* plainEntries(p: PeriodIndex): Generator<[string, Record<string, Record<number, number>>]> {
  for (let t = 0; t < p.terms.length; t++) {
    const data: Record<string, Record<number, number>> = {};
    const title = postingMap(p.titleOffsets, p.titleDocs, p.titleFreqs, t);
    const body = postingMap(p.bodyOffsets, p.bodyDocs, p.bodyFreqs, t);
    if (title) data[TITLE] = Object.fromEntries(title);
    if (body) data[BODY] = Object.fromEntries(body);
    yield [p.terms[t] as string, data];
  }
}
