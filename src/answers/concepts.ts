import type { ShijiIndex } from '../index/index.ts';
import type { WeightedTerm } from '../index/inverted.ts';
import { BIGRAM_PREFIX } from '../index/terms.ts';
import { fold } from '../text/normalize.ts';
import { numberForms } from '../text/numbers.ts';
import { hanBigrams, segment, type Token } from '../text/segment.ts';
import { isStopWord } from '../text/stopwords.ts';
import { NEWS_VARIANTS as variants } from '../text/variants.ts';
import type { Span } from './types.ts';

/**
 * The concepts of a query and how a passage's text matches them. A concept is a word, a number or
 * a name of the alias table, with every form that counts as the same thing, each weighed: the form
 * typed counts fully, an alias a little less, a near-synonym (variants.ts) less again.
 */
export interface Form {
  text: string;
  weight: number;
}

export interface Concept {
  forms: Form[];
  /** How much the concept counts: the inverse document frequency of its rarest word. */
  weight: number;
  /** The words of each typed form (驻日美军经费 → 驻日美军, 经费): partial credit when only some occur. */
  parts: string[][];
  /** A year typed with 年 (2020年, 二〇二四年): a passage of an article published that year holds it too. */
  year?: number;
}

/** How much an alias of the typed concept counts (a spelling of the same name, but not what was typed). */
const ALIAS_WEIGHT = 0.85;
/** A word of the index found across the query's cut (总|裁决 → 总裁) is a guess: it counts half. */
const RECUT_WEIGHT = 0.5;
/** Partial credit for some of a form's words, against the whole form. */
const PART_CREDIT = 0.6;


// Characters that take no room on screen (zero-width space and joiners, BOM, soft hyphen): a query
// pasted from a web page carries them inside words.
const INVISIBLE_RE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/gu;

/** The query as typed, without invisible characters. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE_RE, '');
}

/** Folded text without white space or invisible characters, and where each of its characters stands in the original. */
export interface Compact {
  text: string;
  at: number[];
}

// White space and the invisible characters: what compact() takes out.
const GAP_RE = /[\s\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;
const GAPS_RE = new RegExp(GAP_RE.source, 'gu');

export function compact(folded: string): Compact {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i] as string;
    if (GAP_RE.test(c)) continue;
    text += c;
    at.push(i);
  }
  return { text, at };
}

/** compact(folded).text, without the offsets (for ranking, where no span is needed). */
export function flatten(folded: string): string {
  return folded.replace(GAPS_RE, '');
}

const ALNUM = /[a-z0-9]/;

/**
 * Where `form` occurs in `text` as a whole term: a form that starts or ends with a Latin letter or
 * digit must not continue a longer word or number there (2 is not found in 2024, nor ipef in ipefs).
 */
export function findAll(text: string, form: string, from = 0): number[] {
  const out: number[] = [];
  if (!form) return out;
  const edgeStart = ALNUM.test(form[0] as string);
  const edgeEnd = ALNUM.test(form[form.length - 1] as string);
  for (let i = text.indexOf(form, from); i !== -1; i = text.indexOf(form, i + 1)) {
    if (edgeStart && i > 0 && ALNUM.test(text[i - 1] as string)) continue;
    const e = i + form.length;
    // A number's decimals or thousands continue it too (5 of 5.5, 5 of 5,500).
    if (edgeEnd && e < text.length && (ALNUM.test(text[e] as string) || (/\d/.test(form.at(-1) as string) && /[.,]\d/.test(text.slice(e, e + 2))))) continue;
    out.push(i);
  }
  return out;
}

export function occurs(text: string, form: string): boolean {
  return findAll(text, form).length > 0;
}

/** 1 × the form's weight when a form occurs whole; otherwise a share of the typed form's words. */
export function conceptCoverage(text: string, c: Concept): number {
  let best = 0;
  for (const f of c.forms) {
    if (f.weight > best && occurs(text, f.text)) {
      best = f.weight;
      break;
    }
  }
  if (best >= 1) return best;
  for (const words of c.parts) {
    if (words.length < 2) continue;
    const found = words.filter((w) => occurs(text, w)).length;
    best = Math.max(best, (PART_CREDIT * found) / words.length);
  }
  return best;
}

// A number as typed, with the 万/亿 after it and a date unit: 5500亿, 5,500亿, 三千亿, 9月, 2+2 stays apart.
const NUMBER_EXPR = /(\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两三四五六七八九十廿卅百千]*[十百千廿卅][〇零一二两三四五六七八九十百千]*|[〇零一二三四五六七八九]{3,})([万亿兆]?)([%年月日号]?)/gu;
// Latin and digits joined by + or &: 2+2, AT&T, one term whatever the segmenter does with it.
const COMPOUND = /[a-z0-9]+(?:[+&][a-z0-9]+)+/gu;

/**
 * The query's concepts: compounds and numbers in all their spellings, names and terms of the alias
 * table (longest first, with all their forms), then the remaining words with their aliases and
 * near-synonyms, and words of the index the segmenter cut across.
 */
export function queryConcepts(index: ShijiIndex, topic: string, words: readonly Token[], variantWeight: number): Concept[] {
  const folded = fold(topic);
  const taken = new Array<boolean>(folded.length).fill(false);
  const take = (at: number, len: number): void => {
    for (let k = at; k < at + len; k++) taken[k] = true;
  };
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (forms: Form[], weightScale = 1, year?: number): void => {
    const byText = new Map<string, number>();
    for (const f of forms) {
      const t = fold(f.text).replace(/\s+/g, '');
      if (t && f.weight > (byText.get(t) ?? 0)) byText.set(t, f.weight);
    }
    // Heaviest first: coverage stops at the first form found.
    const clean = [...byText].map(([text, weight]) => ({ text, weight })).sort((a, b) => b.weight - a.weight);
    const id = clean.map((f) => f.text).sort().join('|');
    if (!clean.length || seen.has(id)) return;
    seen.add(id);
    // Partial credit only for the words the user typed (驻日美军 of 驻日美军经费), not for a
    // common word of some other form (预算 of 同情预算).
    const typed = clean.filter((f) => f.weight >= 1 && f.text.length >= 2 && /\p{sc=Han}/u.test(f.text));
    const parts = typed.map((f) => partsOf(index, f.text)).filter((p) => p.length >= 2);
    concepts.push({ forms: clean, parts, weight: weightScale * conceptWeight(index, clean.map((f) => f.text)), ...(year ? { year } : {}) });
  };

  for (const m of folded.matchAll(COMPOUND)) {
    take(m.index, m[0].length);
    add([{ text: m[0], weight: 1 }]);
  }
  for (const m of folded.matchAll(NUMBER_EXPR)) {
    if (taken[m.index]) continue;
    const [whole, num = '', big = '', unit = ''] = m;
    // A lone digit or date part (9 of 9月) is too common alone; it counts with its unit.
    if (num.length === 1 && !big && !unit) continue;
    take(m.index, whole.length);
    const forms = numberForms(num);
    add(forms.map((n) => ({ text: n + big + unit, weight: 1 })), 1, unit === '年' && !big ? yearOf(forms) : undefined);
  }
  const groups = index.aliases.groupsWithin(topic);
  for (const group of groups) {
    // Mark the characters this group's forms cover, so their words are not concepts again.
    const typed = new Set<string>();
    for (const form of group) {
      const f = fold(form);
      for (let at = folded.indexOf(f); f.length >= 2 && at !== -1; at = folded.indexOf(f, at + 1)) {
        take(at, f.length);
        typed.add(f);
      }
    }
    add(group.map((f) => ({ text: f, weight: typed.has(fold(f)) ? 1 : ALIAS_WEIGHT })));
  }
  for (const w of words) {
    if (taken.slice(w.start, w.end).every(Boolean)) continue;
    // A lone Han character (日, 美) is too common to count as a concept of a longer query.
    if (w.term.length === 1 && /\p{sc=Han}/u.test(w.term) && folded.length > 2) continue;
    const aliases = index.aliases.equivalents(w.term).filter((f) => fold(f) !== w.term);
    add([
      { text: w.term, weight: 1 },
      ...aliases.map((f) => ({ text: f, weight: ALIAS_WEIGHT })),
      ...variants.variantsOf(w.term).map((f) => ({ text: f, weight: variantWeight })),
    ]);
  }
  // The segmenter cuts a query without context (总裁决选 → 总/裁决/选): a word of the index that
  // spans two of its words (总裁, 决选) is a concept too, counted as a guess.
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] as Token;
    const b = words[i + 1] as Token;
    if (a.end !== b.start || !/\p{sc=Han}$/u.test(a.term) || !/^\p{sc=Han}/u.test(b.term)) continue;
    const across = (a.term.at(-1) as string) + (b.term[0] as string);
    if (isStopWord(across) || index.search.df(across) < 2) continue;
    add([{ text: across, weight: 1 }], RECUT_WEIGHT);
  }
  return concepts;
}

/** The calendar year among a number's spellings (2020 of 2020 / 二〇二〇), if it reads as one. */
function yearOf(forms: readonly string[]): number | undefined {
  const digits = forms.find((f) => /^\d{4}$/.test(f));
  const y = digits ? Number(digits) : NaN;
  return y >= 1900 && y <= 2100 ? y : undefined;
}

/**
 * The words of a typed form, for partial credit: the segmenter's words, or, for one long word
 * (日本天皇), the two words of the index it splits into, so that 天皇 alone still counts.
 */
function partsOf(index: ShijiIndex, form: string): string[] {
  const words = segment(form).map((w) => w.term).filter((w) => w.length >= 2);
  if (words.length >= 2 || form.length < 3) return words;
  let best: string[] = [];
  for (let k = 1; k < form.length; k++) {
    const a = form.slice(0, k);
    const b = form.slice(k);
    if (Math.min(a.length, b.length) < Math.min(...best.map((w) => w.length), Infinity) && best.length) continue;
    if (a.length < 2 || b.length < 2 || index.search.df(a) === 0 || index.search.df(b) === 0) continue;
    best = [a, b];
  }
  return best;
}

/** Inverse document frequency of the concept's rarest form (a form's rarest word decides it). */
function conceptWeight(index: ShijiIndex, forms: string[]): number {
  const n = index.passages.length;
  let best = 0;
  for (const form of forms.slice(0, 8)) {
    const words = segment(form);
    if (!words.length) continue;
    const df = Math.min(...words.map((w) => wordDf(index, w.term)));
    best = Math.max(best, Math.log(1 + n / (df + 0.5)));
  }
  return best || 1;
}

/**
 * In how many passages a word occurs. A bigram-only index has no Han words: there the rarest of
 * the word's bigrams bounds it from above, which is close enough to weigh concepts.
 */
function wordDf(index: ShijiIndex, word: string): number {
  if (index.termMode === 'bigrams' && /\p{sc=Han}/u.test(word) && word.length >= 2) {
    return Math.min(...hanBigrams(word).map((b) => index.search.df(BIGRAM_PREFIX + b.term)));
  }
  return index.search.df(word);
}

/** Words count fully, bigrams less (they catch what the cut missed), other forms by their weight. */
export function queryTerms(topic: string, words: readonly Token[], concepts: readonly Concept[]): WeightedTerm[] {
  const weights = new Map<string, number>();
  const put = (term: string, weight: number): void => {
    if (weight > (weights.get(term) ?? 0)) weights.set(term, weight);
  };
  for (const w of words) put(w.term, w.term.length === 1 && /\p{sc=Han}/u.test(w.term) ? 0.3 : 1);
  for (const b of hanBigrams(topic)) put(BIGRAM_PREFIX + b.term, 0.4);
  for (const c of concepts) {
    for (const form of c.forms.slice(0, 10)) {
      for (const w of segment(form.text)) put(w.term, 0.8 * form.weight);
      for (const b of hanBigrams(form.text)) put(BIGRAM_PREFIX + b.term, 0.3 * form.weight);
    }
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/**
 * Spans of the folded text where a form of a concept occurs as a whole term, merged where they
 * touch; white space inside a match (5,500 亿) is spanned over.
 */
export function highlight(folded: string, concepts: readonly { forms: readonly (string | Form)[] }[]): Span[] {
  const c = compact(folded);
  const spans: Span[] = [];
  for (const concept of concepts) {
    for (const form of concept.forms) {
      const f = typeof form === 'string' ? form : form.text;
      for (const at of findAll(c.text, f)) spans.push({ start: c.at[at] as number, end: (c.at[at + f.length - 1] as number) + 1 });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

