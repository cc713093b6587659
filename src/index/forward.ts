import type { Article } from '../corpus/article.ts';
import { passageText, type Passage } from './passages.ts';
import { DEFAULT_TERM_MODE, terms, type TermMode } from './terms.ts';
import { grown, Vocabulary } from './vocabulary.ts';

/** A document's terms per field, before indexing. */
export interface DocTerms {
  text: readonly string[];
  heading: readonly string[];
  title: readonly string[];
}

// Field weights, folded into the stored term frequency (doubled, so 1.5 stays an integer).
const FIELD_TF2 = { text: 2, heading: 3, title: 3 } as const;

/**
 * The terms of a run of passages (a chunk's), passage by passage: what each passage holds and how
 * often (field-weighted), with its own vocabulary. Built in any thread and sent whole (its arrays
 * transfer without a copy); the engine maps its vocabulary to its own and scores passages from it.
 */
export interface ForwardChunk {
  terms: string[];
  /** Passage k's entries are [offsets[k], offsets[k+1]). */
  offsets: Uint32Array;
  /** Local term ids, ascending within a passage. */
  termIds: Uint32Array;
  /** Field-weighted term frequency ×2 (text 2, heading 3, title 3 per occurrence), capped at 65535. */
  tf2: Uint16Array;
  /** Number of text terms of each passage, capped at 65535 (BM25's length). */
  lengths: Uint16Array;
  /** The article's title terms, one list per article of the chunk (the retrieval stage's title field). */
  titles: string[][];
  /** How many passages each article of the chunk has. */
  passagesPerArticle: number[];
}

export function forwardBuffers(f: ForwardChunk): ArrayBuffer[] {
  return [f.offsets, f.termIds, f.tf2, f.lengths].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The terms of some articles' passages, each passage under the terms of its text, its sub-heading
 * and (on the article's first passage only) its article's title: the title counts once per
 * article, so a long article's title does not count once per passage.
 */
export function forwardPassages(articles: readonly Article[], passages: readonly Passage[], mode: TermMode = DEFAULT_TERM_MODE): ForwardChunk {
  const builder = new ForwardBuilder();
  const titles: string[][] = articles.map(() => []);
  const passagesPerArticle: number[] = articles.map(() => 0);
  let lastArticle = -1;
  let lastHeading = '';
  let headingTerms: string[] = [];
  for (const p of passages) {
    const article = articles[p.article];
    if (!article) throw new Error(`forward: passage of article ${p.article}, which is not among the ${articles.length} given`);
    passagesPerArticle[p.article] = (passagesPerArticle[p.article] as number) + 1;
    const first = p.article !== lastArticle;
    lastArticle = p.article;
    const heading = p.heading ?? '';
    if (heading !== lastHeading) {
      lastHeading = heading;
      headingTerms = heading ? terms(heading, mode) : [];
    }
    const title = first ? terms(article.title, mode) : [];
    if (first) titles[p.article] = title;
    builder.add({ text: terms(passageText(articles, p), mode), heading: headingTerms, title });
  }
  return { ...builder.finish(), titles, passagesPerArticle };
}

/** Builds a forward chunk one passage at a time, in flat growable arrays. */
class ForwardBuilder {
  private readonly vocabulary = new Vocabulary();
  private counts = new Uint32Array(1 << 12);
  private termIds = new Uint32Array(1 << 14);
  private tf2 = new Uint16Array(1 << 14);
  private size = 0;
  private readonly offsets: number[] = [0];
  private readonly lengths: number[] = [];
  private readonly seen: number[] = [];

  private id(term: string): number {
    const t = this.vocabulary.intern(term);
    this.counts = grown(this.counts, t + 1);
    return t;
  }

  add(doc: DocTerms): void {
    const seen = this.seen;
    seen.length = 0;
    const count = (list: readonly string[], weight: number): void => {
      for (const term of list) {
        const t = this.id(term);
        if (this.counts[t] === 0) seen.push(t);
        this.counts[t] = (this.counts[t] as number) + weight;
      }
    };
    count(doc.text, FIELD_TF2.text);
    count(doc.heading, FIELD_TF2.heading);
    count(doc.title, FIELD_TF2.title);
    seen.sort((a, b) => a - b);
    this.termIds = grown(this.termIds, this.size + seen.length);
    this.tf2 = grown(this.tf2, this.size + seen.length);
    for (const t of seen) {
      this.termIds[this.size] = t;
      this.tf2[this.size] = Math.min(this.counts[t] as number, 65535);
      this.counts[t] = 0;
      this.size++;
    }
    this.offsets.push(this.size);
    this.lengths.push(Math.min(doc.text.length, 65535));
  }

  finish(): Omit<ForwardChunk, 'titles' | 'passagesPerArticle'> {
    return {
      terms: this.vocabulary.terms,
      offsets: Uint32Array.from(this.offsets),
      termIds: this.termIds.slice(0, this.size),
      tf2: this.tf2.slice(0, this.size),
      lengths: Uint16Array.from(this.lengths),
    };
  }
}
