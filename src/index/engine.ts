import MiniSearch from 'minisearch';
import type { ForwardChunk } from './forward.ts';
import { bodyFrequency, miniSearchOf, periodIndex, type PeriodIndex } from './retrieval.ts';
import { isBigramTerm } from './terms.ts';
import { grown, Vocabulary } from './vocabulary.ts';

/** One term of a query and how much it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A passage (its number in the index's passage list) and its score. */
export interface Hit {
  id: number;
  score: number;
}

/** One article's passages and the terms each holds (global term ids, ascending within a passage). */
export interface ArticleTerms {
  /** The article's id: the retrieval stage's document id. */
  key: string;
  /** Passage k's entries are [offsets[k], offsets[k+1]); offsets[0] is 0. */
  offsets: Uint32Array;
  termIds: Uint32Array;
  /** One byte each when the chunk's frequencies all fit (nearly always: a term 128 times in a passage does not), else two. */
  tf2: Uint8Array | Uint16Array;
  lengths: Uint16Array;
  /** The title's terms in order, repeats kept (the retrieval stage's title field). */
  titleIds: Uint32Array;
  /** The period whose retrieval index holds the article (periodOf). */
  partition: string;
}

/** The article's period: its year of publication. One retrieval index per period, so an update rewrites only its year's file. */
export function periodOf(article: { publishedAt: string }): string {
  return article.publishedAt.slice(0, 4);
}

const K1 = 1.2;
const B = 0.75;
// Articles the retrieval stage hands to passage scoring: every passage of these is scored.
const ARTICLE_DEPTH = 80;
// A term in more than this share of the articles finds nothing the query's rarer terms do not: it
// is left out of article retrieval (it still counts in passage scoring). Measured in the issue: the
// query time of a large archive is spent on such terms.
const COMMON_SHARE = 0.2;
// The retrieval stage's title counts twice the body (a title names what the article is about).
const TITLE_BOOST = 2;
// MiniSearch's fields in its field-id order, with the retrieval stage's boosts, and its BM25+ defaults (k, b, d).
const FIELDS = [{ name: 'title', boost: TITLE_BOOST }, { name: 'body', boost: 1 }] as const;
const BM25_K = 1.2;
const BM25_B = 0.7;
const BM25_D = 0.5;

/**
 * The MiniSearch fields the retrieval stage reads (protected in its types; stable since its v6
 * serialisation format): term → field id → document → term frequency, document ids, field lengths.
 * Read only here, in the engine's adapter.
 */
interface MiniInternals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _documentIds: Map<number, unknown>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _dirtCount: number;
}

interface PartitionView {
  inner: MiniInternals;
  /** MiniSearch's document number → article number (−1: discarded). */
  article: Int32Array;
  /** Title and body length of each document (document × 2 + field). */
  lengths: Float64Array;
  version: number;
}

/** The k items of highest score, best first (ties: lower number first), without sorting them all. */
function topK(items: readonly number[], k: number, score: (x: number) => number): { article: number; score: number }[] {
  if (k <= 0) return [];
  const heap: { article: number; score: number }[] = [];
  // Min-heap on (score, then higher number first): its root is the weakest kept.
  const weaker = (x: { article: number; score: number }, y: { article: number; score: number }): boolean => x.score < y.score || (x.score === y.score && x.article > y.article);
  for (const a of items) {
    const sc = score(a);
    const root = heap[0];
    if (heap.length >= k && root && (sc < root.score || (sc === root.score && a > root.article))) continue;
    const e = { article: a, score: sc };
    if (heap.length < k) {
      heap.push(e);
      for (let i = heap.length - 1; i > 0; ) {
        const up = (i - 1) >> 1;
        if (!weaker(heap[i]!, heap[up]!)) break;
        [heap[i], heap[up]] = [heap[up]!, heap[i]!];
        i = up;
      }
    } else {
      heap[0] = e;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && weaker(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && weaker(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap.sort((x, y) => y.score - x.score || x.article - y.article);
}
/**
 * The search index: MiniSearch finds the articles a query is about (documents are articles, fields
 * title and body); passages are then scored (BM25 over passages, with passage document frequencies)
 * inside the best articles only. Our own part is a forward index of each passage's terms, which
 * gives passage scoring, document frequencies and the vocabulary. The one adapter the answers use:
 * search, df, vocabulary, all. Articles are added, replaced and removed in place.
 */
export class SearchEngine {
  // One retrieval index per period (partition), searched together: candidates from each, passages scored with global frequencies.
  private readonly minis = new Map<string, MiniSearch>();
  private readonly dirty = new Set<string>();
  // Periods whose retrieval index is made whole from their records at the next arrange() (a build).
  private readonly staged = new Set<string>();
  // Each period's flat index as its MiniSearch was made from it (build, load), with the records it
  // was made of; dropped when the period changes. A save reuses it instead of making it again.
  private readonly flat = new Map<string, { records: readonly ArticleTerms[]; index: PeriodIndex }>();
  private words = new Vocabulary();
  // Passages and articles holding each term.
  private passageDf = new Int32Array(1 << 12);
  private adf = new Int32Array(1 << 12);
  // Term id → 1 a word, 2 a Han bigram, 0 not yet looked at: count() asks once per term, not once per article.
  private kind = new Uint8Array(1 << 12);
  private readonly byKey = new Map<string, ArticleTerms>();
  /** The articles in index order (the ShijiIndex's), and where each one's passages start. */
  private order: ArticleTerms[] = [];
  private passageStart = new Uint32Array(1);
  private articleIndex = new Map<string, number>();
  private totalLength = 0;
  private passages = 0;
  private sortedVocabulary: string[] | undefined;
  // Each article's bigram term ids, ascending, made at all()'s first look: it checks bigrams here (they are not in MiniSearch).
  private readonly bigramIds = new WeakMap<ArticleTerms, Uint32Array>();
  // Query term id → its slot in the query (−1: not in it), reused between queries.
  private slotOf = new Int32Array(0);
  // Term id → the count() call that last saw it.
  private stamp = new Int32Array(1 << 12);
  private stampNow = 0;
  // Article retrieval's accumulators, by article number, reused between queries (lastTermOf −1: untouched).
  private scoreOf = new Float64Array(0);
  private termsOf = new Uint16Array(0);
  private lastTermOf = new Int32Array(0);
  // Each period's document → article map and field lengths, valid while `version` (bumped by arrange) holds.
  private readonly views = new WeakMap<MiniSearch, PartitionView>();
  private version = 0;

  get documentCount(): number {
    return this.passages;
  }

  get articleCount(): number {
    return this.order.length;
  }

  /** In how many passages the term occurs. */
  df(term: string): number {
    const t = this.words.get(term);
    return t === undefined ? 0 : (this.passageDf[t] as number);
  }

  /** Every term some passage holds, in code-unit order (the same whatever order articles came in). */
  vocabulary(): readonly string[] {
    this.sortedVocabulary ??= this.words.terms.filter((_, t) => (this.passageDf[t] as number) > 0).sort();
    return this.sortedVocabulary;
  }

  /** Each term held by `min` passages or more, with that count, in no set order (no sort of the whole vocabulary). */
  termsHeldBy(min: number): [string, number][] {
    const out: [string, number][] = [];
    this.words.terms.forEach((term, t) => {
      const df = this.passageDf[t] as number;
      if (df >= min) out.push([term, df]);
    });
    return out;
  }

  /**
   * The `limit` terms held by the most passages (`min` or more) that `keep` accepts, most held first,
   * equals in code-unit order: the head of termsHeldBy(min) so sorted, without sorting the whole
   * vocabulary (an update pays this at every call). The count that lets `limit` terms in is found
   * from a histogram of the counts; only the terms at or above it are sorted.
   */
  mostHeld(min: number, limit: number, keep: (term: string) => boolean): [string, number][] {
    const terms = this.words.terms;
    const ids: number[] = [];
    let top = 0;
    for (let t = 0; t < terms.length; t++) {
      const df = this.passageDf[t] as number;
      if (df < min || !keep(terms[t] as string)) continue;
      ids.push(t);
      if (df > top) top = df;
    }
    const perDf = new Int32Array(top + 1);
    for (const t of ids) perDf[this.passageDf[t] as number] = (perDf[this.passageDf[t] as number] as number) + 1;
    let floor = top;
    for (let n = 0; floor > min && n + (perDf[floor] as number) < limit; floor--) n += perDf[floor] as number;
    const out: [string, number][] = [];
    for (const t of ids) if ((this.passageDf[t] as number) >= floor) out.push([terms[t] as string, this.passageDf[t] as number]);
    out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.slice(0, limit);
  }

  /** BM25 over the passages of the best articles (OR); the best `limit` passages, best first, and how many matched. */
  search(query: readonly WeightedTerm[], limit: number): { hits: Hit[]; matched: number } {
    // Query term id → its slot; a passage's score is summed slot by slot, so that it is the same
    // to the last bit whatever order the passage's terms were numbered in (a rebuild and an update agree).
    const slot = new Map<number, number>();
    const weights: number[] = [];
    if (this.slotOf.length < this.words.size) this.slotOf = new Int32Array(this.words.size * 2).fill(-1);
    const slotOf = this.slotOf;
    const n = this.passages;
    const avg = n ? this.totalLength / n || 1 : 1;
    for (const { term, weight } of query) {
      const t = this.words.get(term);
      if (t === undefined || weight <= 0 || (this.passageDf[t] as number) === 0) continue;
      const df = this.passageDf[t] as number;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const at = slot.get(t);
      if (at === undefined) {
        slot.set(t, weights.length);
        weights.push(weight * idf);
      } else weights[at] = Math.max(weights[at] as number, weight * idf);
    }
    if (weights.length === 0) return { hits: [], matched: 0 };
    for (const [t, at] of slot) slotOf[t] = at;
    const parts = new Float64Array(weights.length);
    const articles = this.retrieve(query, ARTICLE_DEPTH);
    // Matching passages and their scores; only the best `limit` are sorted (topK).
    const ids: number[] = [];
    const scores = new Map<number, number>();
    for (const a of articles) {
      const rec = this.order[a] as ArticleTerms;
      const base = this.passageStart[a] as number;
      for (let p = 0; p + 1 < rec.offsets.length; p++) {
        const norm = K1 * (1 - B + (B * (rec.lengths[p] as number)) / avg);
        let any = false;
        for (let e = rec.offsets[p] as number, end = rec.offsets[p + 1] as number; e < end; e++) {
          const at = slotOf[rec.termIds[e] as number] as number;
          if (at < 0) continue;
          const tf = (rec.tf2[e] as number) / 2;
          parts[at] = ((weights[at] as number) * tf * (K1 + 1)) / (tf + norm);
          any = true;
        }
        if (!any) continue;
        let score = 0;
        for (let q = 0; q < parts.length; q++) {
          score += parts[q] as number;
          parts[q] = 0;
        }
        if (score > 0) {
          ids.push(base + p);
          scores.set(base + p, score);
        }
      }
    }
    for (const t of slot.keys()) slotOf[t] = -1;
    const best = topK(ids, Math.max(0, limit), (id) => scores.get(id) as number);
    return { hits: best.map((b) => ({ id: b.article, score: b.score })), matched: ids.length };
  }

  /**
   * The best articles for the query (their index numbers), by MiniSearch's BM25+ over title and
   * body: first by the query's rarer terms; when they find fewer than `depth` articles, the rest
   * come from all its terms.
   */
  retrieve(query: readonly WeightedTerm[], depth: number): number[] {
    const known = query.filter((q) => q.weight > 0 && !isBigramTerm(q.term) && (this.adf[this.words.get(q.term) ?? -1] ?? 0) > 0);
    const limit = this.order.length * COMMON_SHARE;
    const rare = known.filter((q) => (this.adf[this.words.get(q.term) as number] as number) <= limit);
    const out: number[] = [];
    const seen = new Set<number>();
    for (const used of rare.length && rare.length < known.length ? [rare, known] : [known]) {
      if (out.length >= depth) break;
      for (const a of this.miniSearch(used)) {
        if (seen.has(a)) continue;
        seen.add(a);
        out.push(a);
      }
    }
    return out;
  }

  private miniSearch(used: readonly WeightedTerm[]): number[] {
    return this.rankArticles(used, 2 * ARTICLE_DEPTH).map((r) => r.article);
  }

  /**
   * The best `depth` articles for the terms, by MiniSearch's scoring (BM25+ per field, title
   * boosted, times the number of query terms an article holds), computed here over each period's
   * postings with the statistics of all periods together (documents, field lengths, document
   * frequencies): the periods rank exactly as one index of all the articles would (up to the last
   * bits of the average field length). One pass over the query terms' postings into arrays reused
   * between queries: no object per matching article, no sort of every match (MiniSearch's own
   * search, once per period, spent most of a query at 30k articles on both).
   */
  rankArticles(used: readonly WeightedTerm[], depth: number): { article: number; score: number }[] {
    const weight = new Map<string, number>();
    for (const q of used) if (q.weight > 0 && !isBigramTerm(q.term)) weight.set(q.term, q.weight);
    if (weight.size === 0 || depth <= 0) return [];
    const n = this.order.length;
    if (this.scoreOf.length < n) {
      this.scoreOf = new Float64Array(n);
      this.termsOf = new Uint16Array(n);
      this.lastTermOf = new Int32Array(n).fill(-1);
    }
    const views = [...this.minis.values()].map((mini) => this.view(mini));
    // Average field lengths of all periods together (MiniSearch keeps a running average per period).
    const avg = FIELDS.map((_, f) => {
      let sum = 0;
      let docs = 0;
      for (const v of views) {
        sum += v.inner._avgFieldLength[f]! * v.inner._documentCount;
        docs += v.inner._documentCount;
      }
      return docs ? sum / docs || 1 : 1;
    });
    const { scoreOf, termsOf, lastTermOf } = this;
    const touched: number[] = [];
    let qi = 0;
    for (const [term, w] of weight) {
      const data = views.map((v) => v.inner._index.get(term));
      for (let f = 0; f < FIELDS.length; f++) {
        const postings = data.map((d) => d?.get(f));
        // Documents holding the term in this field, over every period (discarded ones not counted).
        let df = 0;
        postings.forEach((post, i) => {
          if (!post) return;
          const v = views[i] as PartitionView;
          if (v.inner._dirtCount === 0) df += post.size;
          // forEach, not keys(): no iterator step per posting on the query path.
          else
            post.forEach((_, doc) => {
              if ((v.article[doc] ?? -1) >= 0) df++;
            });
        });
        if (df === 0) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const boost = w * (FIELDS[f] as { boost: number }).boost;
        const avgLength = avg[f] as number;
        const scale = boost * idf;
        for (let i = 0; i < postings.length; i++) {
          const post = postings[i];
          if (!post) continue;
          const { article, lengths } = views[i] as PartitionView;
          // Map.forEach: no [doc, tf] pair allocated per posting, as an entries() loop would.
          post.forEach((tf, doc) => {
            const a = article[doc] ?? -1;
            if (a < 0) return;
            const norm = BM25_K * (1 - BM25_B + (BM25_B * (lengths[doc * 2 + f] as number)) / avgLength);
            const s = scale * (BM25_D + (tf * (BM25_K + 1)) / (tf + norm));
            if (lastTermOf[a] !== qi) {
              if (lastTermOf[a] === -1) {
                touched.push(a);
                scoreOf[a] = 0;
                termsOf[a] = 0;
              }
              lastTermOf[a] = qi;
              termsOf[a] = (termsOf[a] as number) + 1;
            }
            scoreOf[a] = (scoreOf[a] as number) + s;
          });
        }
      }
      qi++;
    }
    const best = topK(touched, depth, (a) => (scoreOf[a] as number) * (termsOf[a] as number));
    for (const a of touched) lastTermOf[a] = -1;
    return best;
  }

  /** A period's MiniSearch with its document numbers mapped to article numbers and its field lengths, rebuilt after changes. */
  private view(mini: MiniSearch): PartitionView {
    let v = this.views.get(mini);
    if (v && v.version === this.version) return v;
    const inner = mini as unknown as MiniInternals;
    let size = 0;
    for (const doc of inner._documentIds.keys()) size = Math.max(size, doc + 1);
    const article = new Int32Array(size).fill(-1);
    const lengths = new Float64Array(size * 2);
    for (const [doc, key] of inner._documentIds) {
      article[doc] = this.articleIndex.get(key as string) ?? -1;
      const len = inner._fieldLength.get(doc);
      lengths[doc * 2] = len?.[0] ?? 0;
      lengths[doc * 2 + 1] = len?.[1] ?? 0;
    }
    v = { inner, article, lengths, version: this.version };
    this.views.set(mini, v);
    return v;
  }

  /** Passages holding every one of the terms, in id order. */
  all(terms: readonly string[]): number[] {
    const ids: number[] = [];
    for (const term of new Set(terms)) {
      const t = this.words.get(term);
      if (t === undefined || (this.passageDf[t] as number) === 0) return [];
      ids.push(t);
    }
    if (ids.length === 0) return [];
    const words = [...new Set(terms)].filter((t) => !isBigramTerm(t));
    const bigrams = ids.filter((t) => isBigramTerm(this.words.terms[t] as string)).sort((x, y) => (this.adf[x] as number) - (this.adf[y] as number));
    // Articles holding the words (MiniSearch), or every article; then those holding every bigram.
    const articles = words.length ? this.articlesWithAll(words) : this.order.map((_, a) => a);
    const out: number[] = [];
    const want = new Set(ids);
    for (const a of articles) {
      const rec = this.order[a] as ArticleTerms;
      if (bigrams.length) {
        const own = this.bigramsOf(rec);
        if (!bigrams.every((t) => sortedHas(own, t))) continue;
      }
      const base = this.passageStart[a] as number;
      for (let p = 0; p + 1 < rec.offsets.length; p++) {
        let found = 0;
        for (let e = rec.offsets[p] as number, end = rec.offsets[p + 1] as number; e < end; e++) if (want.has(rec.termIds[e] as number)) found++;
        if (found === want.size) out.push(base + p);
      }
    }
    return out;
  }

  /** Articles (ascending numbers) holding every one of the words, in title or body, from the periods' postings. */
  private articlesWithAll(words: readonly string[]): number[] {
    const views = [...this.minis.values()].map((mini) => this.view(mini));
    let out: number[] | undefined;
    // Rarest word first: the candidates only shrink.
    for (const word of [...words].sort((x, y) => (this.adf[this.words.get(x) ?? -1] ?? 0) - (this.adf[this.words.get(y) ?? -1] ?? 0))) {
      const holding = new Set<number>();
      for (const v of views) {
        const data = v.inner._index.get(word);
        if (!data) continue;
        for (const post of data.values())
          post.forEach((_, doc) => {
            const a = v.article[doc] ?? -1;
            if (a >= 0) holding.add(a);
          });
      }
      out = out ? out.filter((a) => holding.has(a)) : [...holding];
      if (out.length === 0) return [];
    }
    return (out ?? []).sort((x, y) => x - y);
  }

  /**
   * A chunk's articles (their ids in chunk order), mapped to this index's vocabulary; not yet placed
   * (see arrange). The articles' arrays are views into a few arrays of the whole chunk: a typed
   * array of its own costs an article's record some 300 bytes beside its data (a buffer, its
   * backing store), and an archive has five per article.
   */
  fromChunk(articles: readonly { id: string; publishedAt: string }[], chunk: ForwardChunk): ArticleTerms[] {
    const local = new Uint32Array(chunk.terms.length);
    chunk.terms.forEach((term, i) => {
      local[i] = this.intern(term);
    });
    const termIds = new Uint32Array(chunk.termIds.length);
    for (let e = 0; e < termIds.length; e++) termIds[e] = local[chunk.termIds[e] as number] as number;
    // The chunk's own arrays (sent by a worker or made here) serve as the articles' lengths and, when
    // a frequency needs two bytes, tf2; else tf2 is a one-byte copy (at 100k articles ~80 MB less).
    const { lengths } = chunk;
    let max = 0;
    for (let e = 0; e < chunk.tf2.length; e++) if ((chunk.tf2[e] as number) > max) max = chunk.tf2[e] as number;
    const tf2 = max <= 0xff ? Uint8Array.from(chunk.tf2) : chunk.tf2;
    const offsets = new Uint32Array(chunk.offsets.length + articles.length);
    const titleIds = Uint32Array.from(articles.flatMap((_, k) => chunk.titles[k] ?? []), (term) => this.intern(term));
    const out: ArticleTerms[] = [];
    let passage = 0;
    let o = 0;
    let title = 0;
    articles.forEach((article, k) => {
      const count = chunk.passagesPerArticle[k] ?? 0;
      const from = chunk.offsets[passage] as number;
      const to = chunk.offsets[passage + count] as number;
      for (let p = 0; p <= count; p++) offsets[o + p] = (chunk.offsets[passage + p] as number) - from;
      const titleCount = chunk.titles[k]?.length ?? 0;
      out.push({
        key: article.id,
        offsets: offsets.subarray(o, o + count + 1),
        termIds: termIds.subarray(from, to),
        tf2: tf2.subarray(from, to),
        lengths: lengths.subarray(passage, passage + count),
        titleIds: titleIds.subarray(title, title + titleCount),
        partition: periodOf(article),
      });
      passage += count;
      o += count + 1;
      title += titleCount;
    });
    return out;
  }

  /** Adds an article (replacing the one of the same id, if any). Call arrange() once the changes are made. */
  put(rec: ArticleTerms): void {
    if (this.byKey.has(rec.key)) this.remove(rec.key);
    this.byKey.set(rec.key, rec);
    this.count(rec, 1);
    this.flat.delete(rec.partition);
    const mini = this.minis.get(rec.partition);
    // A period being staged (a build) gets the article with the others at arrange().
    if (this.staged.has(rec.partition) || !mini) this.staged.add(rec.partition);
    else mini.add({ id: rec.key, title: this.titleTokens(rec), body: this.bodyTokens(rec) });
    this.dirty.add(rec.partition);
  }

  /** Removes an article by id (nothing when absent). Call arrange() once the changes are made. */
  remove(key: string): void {
    const rec = this.byKey.get(key);
    if (!rec) return;
    this.byKey.delete(key);
    this.count(rec, -1);
    this.flat.delete(rec.partition);
    this.dirty.add(rec.partition);
    const mini = this.minis.get(rec.partition);
    if (this.staged.has(rec.partition) || !mini) return;
    mini.discard(key);
    if (mini.documentCount === 0) this.minis.delete(rec.partition);
  }

  /** Sets the articles' order (the index's article numbers); every article put must be listed, and only those. */
  arrange(keys: readonly string[]): void {
    if (keys.length !== this.byKey.size) throw new Error(`engine: ${keys.length} articles ordered, ${this.byKey.size} indexed`);
    this.order = keys.map((k) => {
      const rec = this.byKey.get(k);
      if (!rec) throw new Error(`engine: article ${k} ordered but not indexed`);
      return rec;
    });
    this.articleIndex = new Map(keys.map((k, i) => [k, i]));
    this.passageStart = new Uint32Array(keys.length + 1);
    this.order.forEach((rec, i) => {
      this.passageStart[i + 1] = (this.passageStart[i] as number) + rec.offsets.length - 1;
    });
    this.passages = this.passageStart[keys.length] as number;
    this.sortedVocabulary = undefined;
    if (this.staged.size) {
      const periods = this.byPeriod();
      for (const name of this.staged) {
        const list = periods.get(name);
        if (list) this.minis.set(name, miniSearchOf(this.keep(name, list, periodIndex(list, this.termOf))));
        else this.minis.delete(name);
      }
      this.staged.clear();
    }
    // Periods' document maps (views) are rebuilt at the next query.
    this.version++;
    // Discarded articles linger in MiniSearch's tree until a vacuum; it runs in the background.
    for (const mini of this.minis.values()) if (mini.dirtCount > 1000 && mini.dirtFactor > 0.1) void mini.vacuum();
  }

  /** The records in index order (for the snapshot). */
  articles(): readonly ArticleTerms[] {
    return this.order;
  }

  /** The periods, each with its article count and whether it changed since markSaved(). */
  partitions(): { name: string; articles: number; changed: boolean }[] {
    return [...this.minis].map(([name, mini]) => ({ name, articles: mini.documentCount, changed: this.dirty.has(name) })).sort((x, y) => (x.name < y.name ? -1 : 1));
  }

  /** A period's retrieval index as flat arrays, for its own file: made from its articles' records (what a rebuild of them holds). */
  periodIndex(name: string): PeriodIndex {
    const list = this.byPeriod().get(name);
    if (!list) throw new Error(`engine: no partition ${name}`);
    return this.periodIndexOf(list);
  }

  /** The retrieval index of these records (a period's, in index order; their term ids are this engine's). */
  periodIndexOf(records: readonly ArticleTerms[]): PeriodIndex {
    const kept = records.length ? this.flat.get((records[0] as ArticleTerms).partition) : undefined;
    if (kept && kept.records.length === records.length && kept.records.every((r, i) => r === records[i])) return kept.index;
    return periodIndex(records, this.termOf);
  }

  private keep(name: string, records: readonly ArticleTerms[], index: PeriodIndex): PeriodIndex {
    this.flat.set(name, { records, index });
    return index;
  }

  /** A period's MiniSearch as MiniSearch serialises it (for checks and diagnostics: a save never makes this copy). */
  periodJSON(name: string): ReturnType<MiniSearch['toJSON']> | undefined {
    return this.minis.get(name)?.toJSON();
  }

  /** The records of each period, in index order. */
  byPeriod(): Map<string, ArticleTerms[]> {
    const out = new Map<string, ArticleTerms[]>();
    for (const r of this.order) {
      const list = out.get(r.partition);
      if (list) list.push(r);
      else out.set(r.partition, [r]);
    }
    return out;
  }

  /** The partitions as stored now match the engine's. */
  markSaved(): void {
    this.dirty.clear();
  }

  /**
   * An engine from stored records (in index order) and the stored periods' retrieval indexes. A
   * period whose stored index is missing or holds other articles than its records is rebuilt from
   * the records (no text is cut again); its name is returned in `rebuilt`.
   */
  static restore(
    records: readonly ArticleTerms[],
    terms: readonly string[],
    stored: ReadonlyMap<string, PeriodIndex | undefined>,
    counts?: TermCounts,
  ): { engine: SearchEngine; rebuilt: string[] } {
    const engine = new SearchEngine();
    engine.words = Vocabulary.of(terms);
    engine.passageDf = grown(engine.passageDf, terms.length);
    engine.adf = grown(engine.adf, terms.length);
    // Stored counts (checked against the records' totals) spare a pass over every entry in random order.
    const fits = counts && counts.passageDf.length === terms.length && counts.articleDf.length === terms.length && sameTotals(records, counts);
    for (const rec of records) {
      engine.byKey.set(rec.key, rec);
      if (!fits) engine.count(rec, 1);
    }
    if (fits) {
      engine.passageDf.set(counts.passageDf);
      engine.adf.set(counts.articleDf);
      for (const rec of records) for (let p = 0; p < rec.lengths.length; p++) engine.totalLength += rec.lengths[p] as number;
    }
    engine.arrange(records.map((r) => r.key));
    const rebuilt: string[] = [];
    for (const [name, list] of engine.byPeriod()) {
      const own = stored.get(name);
      if (own && own.keys.length === list.length && list.every((r, d) => own.keys[d] === r.key)) {
        // The period file's terms are strings of their own: the vocabulary's same strings are kept instead (at 100k articles ~100 MB of copies).
        own.terms.forEach((term, i) => {
          const t = engine.words.get(term);
          if (t !== undefined) own.terms[i] = engine.words.terms[t] as string;
        });
        engine.minis.set(name, miniSearchOf(engine.keep(name, list, own)));
        continue;
      }
      rebuilt.push(name);
      engine.minis.set(name, miniSearchOf(engine.keep(name, list, periodIndex(list, engine.termOf))));
      engine.dirty.add(name);
    }
    return { engine, rebuilt: rebuilt.sort() };
  }

  /** Passages and articles holding each term (term id order), for the snapshot: a load need not count them again. */
  termCounts(): TermCounts {
    const n = this.words.size;
    return { passageDf: this.passageDf.subarray(0, n), articleDf: this.adf.subarray(0, n) };
  }

  /** The global vocabulary (term id order), for the snapshot: records' term ids point into it. */
  termList(): readonly string[] {
    return this.words.terms;
  }

  private readonly termOf = (id: number): string => this.words.terms[id] as string;

  private intern(term: string): number {
    const t = this.words.intern(term);
    this.passageDf = grown(this.passageDf, t + 1);
    this.adf = grown(this.adf, t + 1);
    return t;
  }

  private count(rec: ArticleTerms, sign: 1 | -1): void {
    // Each term once per article (adf): marked with this call's stamp instead of a Set per article.
    if (this.stamp.length < this.words.size) this.stamp = grown(this.stamp, this.words.size);
    const { stamp, passageDf, adf } = this;
    const mark = ++this.stampNow;
    for (let e = 0; e < rec.termIds.length; e++) {
      const t = rec.termIds[e] as number;
      passageDf[t] = (passageDf[t] as number) + sign;
      if (stamp[t] === mark) continue;
      stamp[t] = mark;
      adf[t] = (adf[t] as number) + sign;
    }
    if (sign === -1) this.bigramIds.delete(rec);
    for (let p = 0; p < rec.lengths.length; p++) this.totalLength += sign * (rec.lengths[p] as number);
  }

  /** The article's bigram term ids, ascending (made when all() first looks at the article, then kept). */
  private bigramsOf(rec: ArticleTerms): Uint32Array {
    const known = this.bigramIds.get(rec);
    if (known) return known;
    if (this.kind.length < this.words.size) this.kind = grown(this.kind, this.words.size);
    const kind = this.kind;
    const bigrams: number[] = [];
    for (let e = 0; e < rec.termIds.length; e++) {
      const t = rec.termIds[e] as number;
      let k = kind[t] as number;
      if (k === 0) kind[t] = k = isBigramTerm(this.words.terms[t] as string) ? 2 : 1;
      if (k === 2) bigrams.push(t);
    }
    // A term recurs in several passages of the article: once each.
    const own = Uint32Array.from(new Set(bigrams)).sort();
    this.bigramIds.set(rec, own);
    return own;
  }

  private titleTokens(rec: ArticleTerms): string[] {
    return Array.from(rec.titleIds, this.termOf);
  }

  /** The article's body for the retrieval stage: each term as often as the article's text holds it (see periodIndex, which must agree). */
  private bodyTokens(rec: ArticleTerms): string[] {
    const tf = new Map<number, number>();
    for (let e = 0; e < rec.termIds.length; e++) {
      const t = rec.termIds[e] as number;
      tf.set(t, (tf.get(t) ?? 0) + (rec.tf2[e] as number));
    }
    const out: string[] = [];
    for (const [t, tf2] of tf) {
      const term = this.words.terms[t] as string;
      for (let k = bodyFrequency(tf2); k > 0; k--) out.push(term);
    }
    return out;
  }
}

/** How many passages and articles hold each term (by term id). */
export interface TermCounts {
  passageDf: Int32Array;
  articleDf: Int32Array;
}

/**
 * Whether stored counts can be those of the records: each term's counts in range (an article count
 * at most its passage count, at least 1 when that is), and the passage counts summing to the
 * records' entries (each entry is one passage holding one term).
 */
function sameTotals(records: readonly ArticleTerms[], counts: TermCounts): boolean {
  let entries = 0;
  for (const r of records) entries += r.termIds.length;
  let sum = 0;
  const { passageDf, articleDf } = counts;
  for (let t = 0; t < passageDf.length; t++) {
    const p = passageDf[t] as number;
    const a = articleDf[t] as number;
    if (p < 0 || a < 0 || a > p || (p > 0 && a === 0)) return false;
    sum += p;
  }
  return sum === entries;
}

function sortedHas(sorted: Uint32Array, x: number): boolean {
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
