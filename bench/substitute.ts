/**
 * A growing vocabulary for the synthesised archive (bench/synth.ts). Recombined real paragraphs
 * alone never bring a new term, so the archive's vocabulary stops at the real articles'. Here the
 * names, places, organisations, other proper nouns, common nouns and amounts of each recombined
 * paragraph may be replaced by other entries of jieba's dictionary with the same part of speech
 * (or by other digits; proper nouns alone do not bring enough new terms per article), at the rate that keeps the archive's (tokens, distinct terms) on the Heaps curve
 * V = K·N^β fitted on the real articles (bench/heaps.ts): a new term whenever the archive is
 * below the curve, otherwise, now and then, a name an earlier article already brought (so new
 * names recur, as in the news), otherwise the original word. When a class's dictionary words are
 * used up (near 10k articles), new words of the class are composed from its words' characters
 * (surname + given name, two or three characters for other names), so the archive stays on the
 * curve at 30k and 100k articles.
 *
 * Within one new article a word is always replaced by the same word. Words inside `keep` (the
 * labelled passages' text and the benchmark's queries) are never touched, so labelled answers
 * stay findable in their copies and the queries' terms keep their frequencies.
 * Deterministic: the same real articles, options and seed give the same text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Article } from '../src/corpus/article.ts';
import { segment, tag } from '../src/text/segment.ts';
import { byDate, expectedTerms, measureHeaps, articleTerms, type HeapsFit } from './heaps.ts';
import { prng } from './synth.ts';

/** jieba's part-of-speech tags, in the classes a word may be swapped within (names, places, organisations, other proper nouns, nouns, verbal nouns). */
const TAG_CLASS: Record<string, string> = { nr: 'nr', nrt: 'nr', nrfg: 'nr', ns: 'ns', nt: 'nt', nz: 'nz', n: 'n', vn: 'vn' };
// Han words of 2–4 characters: what a name, place or organisation looks like in the news.
const HAN_WORD = /^\p{sc=Han}{2,4}$/u;
// An amount, not a date or a clock time (those keep their digits so that dates stay valid).
const AMOUNT = /(?<![\p{L}\d.])\d+(?:\.\d+)?(?![\d.]*[年月日号时点:：\-/])/gu;

/** nodejieba's own main dictionary (read where the package keeps it; never copied into the project). */
export function jiebaDictionaryPath(): string {
  const root = dirname(createRequire(import.meta.url).resolve('nodejieba'));
  for (const rel of ['dict/jieba.dict.utf8', 'submodules/cppjieba/dict/jieba.dict.utf8']) {
    const p = join(root, rel);
    if (existsSync(p)) return p;
  }
  throw new Error(`substitute: jieba's dictionary (jieba.dict.utf8) is not under ${root}`);
}

/** The dictionary's words by tag class (word freq tag a line), Han words of 2–4 characters only. */
export function readJiebaWords(path = jiebaDictionaryPath()): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [word, , t] = line.trim().split(/\s+/);
    const cls = t ? TAG_CLASS[t] : undefined;
    if (!word || !cls || !HAN_WORD.test(word)) continue;
    let list = out.get(cls);
    if (!list) out.set(cls, (list = []));
    list.push(word);
  }
  return out;
}

interface Slot {
  start: number;
  end: number;
  word: string;
  /** A tag class, or 'num' for an amount. */
  cls: string;
}

export interface VocabularyPlan {
  curve: Pick<HeapsFit, 'K' | 'beta'>;
  /** Replaceable words of each real text (lead, heading, paragraph, title), by text. */
  slots: Map<string, Slot[]>;
  /** Tokens of each real text. */
  tokens: Map<string, number>;
  /** The real articles' terms and tokens. */
  realTerms: Set<string>;
  realTokens: number;
  words: Map<string, string[]>;
}

export interface PlanOptions {
  /** The curve to follow; by default the one fitted on `real`. */
  curve?: Pick<HeapsFit, 'K' | 'beta'>;
  /** Strings whose occurrences stay verbatim, and whose words are never replaced anywhere. */
  keep?: readonly string[];
}

/** Tags every real text once and finds the words that may be replaced. */
export function vocabularyPlan(real: readonly Article[], options: PlanOptions = {}): VocabularyPlan {
  const keep = [...new Set(options.keep ?? [])].filter((k) => k.length > 0);
  const keepTerms = new Set(keep.flatMap((k) => segment(k).map((t) => t.term)));
  const realTerms = new Set<string>();
  let realTokens = 0;
  const docs = byDate(real).map(articleTerms);
  for (const d of docs) {
    for (const t of d) realTerms.add(t);
    realTokens += d.length;
  }
  const curve = options.curve ?? measureHeaps(docs);
  const slots = new Map<string, Slot[]>();
  const tokens = new Map<string, number>();
  const texts = real.flatMap((a) => [a.title, ...(a.lead ? [a.lead] : []), ...a.blocks.map((b) => b.text)]);
  for (const text of texts) {
    if (slots.has(text)) continue;
    tokens.set(text, segment(text).length);
    const kept: [number, number][] = [];
    for (const k of keep) for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) kept.push([at, at + k.length]);
    const free = (s: number, e: number, word: string): boolean =>
      !kept.some(([a, b]) => s < b && a < e) && !segment(word).some((t) => keepTerms.has(t.term));
    const list: Slot[] = [];
    for (const w of tag(text)) {
      const cls = TAG_CLASS[w.tag];
      if (cls && HAN_WORD.test(w.word) && free(w.start, w.end, w.word)) list.push({ start: w.start, end: w.end, word: w.word, cls });
    }
    for (const m of text.matchAll(AMOUNT)) {
      const s = m.index;
      if (free(s, s + m[0].length, m[0])) list.push({ start: s, end: s + m[0].length, word: m[0], cls: 'num' });
    }
    slots.set(text, list.sort((a, b) => a.start - b.start));
  }
  return { curve, slots, tokens, realTerms, realTokens, words: readJiebaWords() };
}

/** Share of the slots, when the archive is on its curve, that take a word an earlier article brought. */
const REUSE = 0.3;

/** The state of one synthesis: the archive's terms and tokens so far, the words not used yet. */
export class VocabularyGrower {
  private readonly seen: Set<string>;
  private tokens: number;
  private readonly random: () => number;
  private readonly pools = new Map<string, { words: string[]; next: number }>();
  /** Substitutes brought so far, once per use (a pick from it favours the frequent ones). */
  private readonly used = new Map<string, string[]>();
  private mapping = new Map<string, string>();

  constructor(private readonly plan: VocabularyPlan, seed: number) {
    this.seen = new Set(plan.realTerms);
    this.tokens = plan.realTokens;
    this.random = prng(seed ^ 0x5eed);
    for (const [cls, words] of plan.words) {
      // Each class's words in a seeded order: drawn one after the other, each used once as new.
      const w = [...words];
      for (let i = w.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [w[i], w[j]] = [w[j] as string, w[i] as string];
      }
      this.pools.set(cls, { words: w, next: 0 });
    }
  }

  /** Distinct terms and tokens of the archive so far (as counted while generating). */
  get size(): { terms: number; tokens: number } {
    return { terms: this.seen.size, tokens: this.tokens };
  }

  /** A new article starts: its own word-for-word mapping. */
  startArticle(): void {
    this.mapping = new Map();
  }

  /** A real text as it appears in the new article. */
  rewrite(text: string): string {
    const slots = this.plan.slots.get(text);
    this.tokens += this.plan.tokens.get(text) ?? 0;
    if (!slots?.length) return text;
    let deficit = Math.floor(expectedTerms(this.plan.curve, this.tokens)) - this.seen.size;
    let out = '';
    let at = 0;
    let fresh = false;
    for (const s of slots) {
      let w = this.mapping.get(s.word);
      if (w === undefined) {
        if (deficit > 0) {
          w = this.freshWord(s);
          if (w !== undefined) {
            deficit--;
            fresh = true;
          }
        } else if (this.random() < REUSE) {
          const u = this.used.get(s.cls);
          if (u?.length) w = u[Math.floor(this.random() * u.length)];
        }
        w ??= s.word;
        this.mapping.set(s.word, w);
      }
      if (w !== s.word) {
        let u = this.used.get(s.cls);
        if (!u) this.used.set(s.cls, (u = []));
        u.push(w);
      }
      out += text.slice(at, s.start) + w;
      at = s.end;
    }
    out += text.slice(at);
    // Count what the segmenter really makes of the new text (a word may join its neighbours).
    if (fresh) for (const t of segment(out)) this.seen.add(t.term);
    return out;
  }

  private freshWord(s: Slot): string | undefined {
    if (s.cls === 'num') {
      // Same shape, other digits: an amount the archive has not had yet.
      for (let tries = 0; tries < 5; tries++) {
        const w = s.word.replace(/\d/g, (_d, i: number) => String(i === 0 && s.word.length > 1 ? 1 + Math.floor(this.random() * 9) : Math.floor(this.random() * 10)));
        if (!this.seen.has(w)) return w;
      }
      return undefined;
    }
    const pool = this.pools.get(s.cls);
    if (!pool) return undefined;
    while (pool.next < pool.words.length) {
      const w = pool.words[pool.next++] as string;
      if (!this.seen.has(w) && segment(w).length === 1) return w;
    }
    return this.composedWord(s.cls);
  }

  /**
   * Once a class's dictionary words are used up (about 10k articles), a new word of that class is
   * composed from the characters its dictionary words use, weighted by how often they use them: a
   * surname and one or two given-name characters for a person, two or three characters for a
   * place, organisation or other name. A news archive's vocabulary keeps growing mostly through
   * such proper nouns (and amounts). Kept only when the segmenter cuts it as one new term.
   */
  private composedWord(cls: string): string | undefined {
    const chars = this.composition(cls);
    if (!chars) return undefined;
    const pick = (xs: readonly string[]): string => xs[Math.floor(this.random() * xs.length)] as string;
    for (let tries = 0; tries < 8; tries++) {
      const w = cls === 'nr' ? pick(chars.first) + pick(chars.rest) + (this.random() < 0.7 ? pick(chars.rest) : '') : pick(chars.first) + pick(chars.rest) + (this.random() < 0.3 ? pick(chars.rest) : '');
      const cut = segment(w);
      if (cut.length === 1 && !this.seen.has((cut[0] as { term: string }).term)) return w;
    }
    return undefined;
  }

  private readonly compositions = new Map<string, { first: string[]; rest: string[] } | null>();

  /** The characters a class's dictionary words start with and go on with (repeated as often as they occur). */
  private composition(cls: string): { first: string[]; rest: string[] } | undefined {
    let c = this.compositions.get(cls);
    if (c === undefined) {
      const words = this.plan.words.get(cls) ?? [];
      // Person names: three-character dictionary names give the surname and the given-name characters.
      const shaped = cls === 'nr' ? words.filter((w) => w.length === 3) : words;
      c = shaped.length ? { first: shaped.map((w) => w[0] as string), rest: shaped.flatMap((w) => [...w.slice(1)]) } : null;
      this.compositions.set(cls, c);
    }
    return c ?? undefined;
  }
}
