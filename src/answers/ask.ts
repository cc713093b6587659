import { articleParagraphs, type Article } from '../corpus/article.ts';
import type { ShijiIndex } from '../index/index.ts';
import { passageText, sentences, type Passage } from '../index/passages.ts';
import type { WeightedTerm } from '../index/inverted.ts';
import { BIGRAM_PREFIX } from '../index/terms.ts';
import { key } from '../text/aliases.ts';
import { fold } from '../text/normalize.ts';
import { hanBigrams, segment, type Token } from '../text/segment.ts';
import type { AskHit, AskResult, SourceRef, Span } from './types.ts';

export const MAX_QUERY_CHARS = 200;
const DEFAULT_LIMIT = 5;
// BM25 finds the candidates; only the best of them are re-ranked on phrase, proximity and coverage.
const RERANK_DEPTH = 150;
// A passage shorter than this is shown with its neighbouring sentences.
const SHORT_PASSAGE = 40;
const PER_ARTICLE_IN_TOP = 2;
const TOP = 5;

/**
 * A concept of the query: a word, or a name or term of the alias table, with every form that
 * counts as the same thing. Coverage of concepts decides between passages BM25 scores alike.
 */
interface Concept {
  forms: string[];
  /** How much the concept counts: the inverse document frequency of its rarest word. */
  weight: number;
  /** The words of each form (驻日美军经费 → 驻日美军, 经费): partial credit when only some occur. */
  parts: string[][];
}

/** 1 when a form occurs whole; otherwise a share of the best form's words, worth less than the whole. */
function conceptCoverage(folded: string, c: Concept): number {
  if (c.forms.some((f) => folded.includes(f))) return 1;
  let best = 0;
  for (const words of c.parts) {
    if (words.length < 2) continue;
    const found = words.filter((w) => folded.includes(w)).length;
    best = Math.max(best, (0.6 * found) / words.length);
  }
  return best;
}

export interface AskOptions {
  limit?: number;
  offset?: number;
}

/** The passages that answer a query, best first, with their sources. Pure over the index. */
export function ask(index: ShijiIndex, rawQuery: string, options: AskOptions = {}): AskResult {
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 100));
  const offset = Math.max(0, options.offset ?? 0);
  const chars = [...rawQuery.trim()];
  const query = chars.slice(0, MAX_QUERY_CHARS).join('');
  const notices: string[] = [];
  if (chars.length > MAX_QUERY_CHARS) notices.push(`问题超过 ${MAX_QUERY_CHARS} 个字，只按前 ${MAX_QUERY_CHARS} 个字搜索。`);

  const empty = (notice: string, suggestions?: string[]): AskResult => ({
    command: 'ask',
    query,
    results: [],
    total: 0,
    notice: [...notices, notice].join(' '),
    ...(suggestions && suggestions.length ? { suggestions } : {}),
  });

  const words = segment(query);
  if (words.length === 0) return empty('没有可搜索的内容：问题里只有虚词或标点。');

  const concepts = queryConcepts(index, query, words);
  const weighted = queryTerms(query, words, concepts);
  const { hits } = index.search.search(weighted, RERANK_DEPTH);
  if (hits.length === 0) return empty(`语料中没有找到与“${query}”相关的段落。`, suggest(index, query, words));

  const foldedQuery = fold(query).replace(/\s+/g, '');
  const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
  const ranked = hits.map((hit) => {
    const passage = index.passages[hit.id] as Passage;
    const text = passageText(index.articles, passage);
    const folded = fold(text);
    const title = fold((index.articles[passage.article] as Article).title);
    // Rare concepts count more: IPEF matters more than 成员国 in "IPEF有哪些成员国".
    const covered = concepts.reduce((sum, c) => sum + c.weight * conceptCoverage(folded, c), 0);
    const coverage = totalWeight ? covered / totalWeight : 0;
    const phrase = foldedQuery.length >= 2 && folded.includes(foldedQuery);
    const near = !phrase && inOrderNearby(folded, concepts);
    const titleHit = concepts.some((c) => c.forms.some((f) => title.includes(f)));
    // BM25 alone lets a long passage of common bigrams beat a short one that names the thing asked about.
    const score = hit.score * 2 * (0.15 + coverage) ** 2 * (phrase ? 1.6 : near ? 1.25 : 1) * (titleHit ? 1.15 : 1);
    return { passage, text, folded, score, coverage };
  });
  // Passages that share only stray bigrams with the query are noise once anything names what was asked.
  const relevant = ranked.some((r) => r.coverage > 0) ? ranked.filter((r) => r.coverage > 0) : ranked;
  // Best first; between equals, the earlier report (the original before its reprints).
  const published = (r: { passage: Passage }): string => index.articles[r.passage.article]?.publishedAt ?? '';
  relevant.sort((a, b) => b.score - a.score || published(a).localeCompare(published(b)) || a.passage.article - b.passage.article);
  // The same wire paragraph reprinted by several outlets is one answer, shown once.
  const seenText = new Set<string>();
  const unique = relevant.filter((r) => {
    const k = r.folded.replace(/\s+/g, '');
    if (seenText.has(k)) return false;
    seenText.add(k);
    return true;
  });
  const ordered = diversify(unique, (r) => r.passage.article);
  const page = ordered.slice(offset, offset + limit);

  const results: AskHit[] = page.map((r, i) => {
    const article = index.articles[r.passage.article] as Article;
    const context = r.text.length < SHORT_PASSAGE ? neighbours(index.articles, r.passage) : {};
    return {
      rank: offset + i + 1,
      text: r.text,
      highlights: highlight(r.folded, concepts),
      ...sourceRef(article),
      score: Math.round(r.score * 1000) / 1000,
      ...(r.passage.heading ? { heading: r.passage.heading } : {}),
      ...context,
    };
  });
  return {
    command: 'ask',
    query,
    results,
    total: ordered.length,
    ...(notices.length ? { notice: notices.join(' ') } : {}),
  };
}

export function sourceRef(article: Article): SourceRef {
  return { title: article.title, url: article.url, publishedAt: article.publishedAt, source: article.source, file: article.file };
}

/**
 * The query's concepts: names and terms of the alias table found in it (longest first, with all
 * their forms), then the remaining words, each with its own equivalents.
 */
function queryConcepts(index: ShijiIndex, query: string, words: readonly Token[]): Concept[] {
  const folded = fold(query);
  const taken = new Array<boolean>(folded.length).fill(false);
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (forms: string[]): void => {
    const clean = [...new Set(forms.map((f) => fold(f)).filter((f) => f.length > 0))];
    const id = [...clean].sort().join('|');
    if (clean.length && !seen.has(id)) {
      seen.add(id);
      // Partial credit only for the words the user typed (驻日美军 of 驻日美军经费), not for a
      // common word of some other form (预算 of 同情预算).
      const typed = clean.filter((f) => f.length >= 2 && folded.includes(f));
      const parts = typed.map((f) => segment(f).map((w) => w.term).filter((w) => w.length >= 2));
      concepts.push({ forms: clean, parts, weight: conceptWeight(index, clean) });
    }
  };
  const compact = key(query);
  const groups = index.aliases.all().filter((g) => g.some((f) => key(f).length >= 2 && compact.includes(key(f))));
  for (const group of groups) {
    // Mark the characters this group's forms cover, so their words are not concepts again.
    for (const form of group) {
      const f = fold(form);
      for (let at = folded.indexOf(f); f.length >= 2 && at !== -1; at = folded.indexOf(f, at + 1)) {
        for (let k = at; k < at + f.length; k++) taken[k] = true;
      }
    }
    add(group);
  }
  for (const w of words) {
    if (taken.slice(w.start, w.end).every(Boolean)) continue;
    // A lone Han character (日, 美) is too common to count as a concept of a longer query.
    if (w.term.length === 1 && /\p{sc=Han}/u.test(w.term) && folded.length > 2) continue;
    add(index.aliases.equivalents(w.term).concat(w.term));
  }
  return concepts;
}

/** Inverse document frequency of the concept's most findable form (a form's rarest word decides it). */
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

/** Words count fully, bigrams less (they are there to catch what the cut missed), alias forms a little less. */
function queryTerms(query: string, words: readonly Token[], concepts: Concept[]): WeightedTerm[] {
  const weights = new Map<string, number>();
  const put = (term: string, weight: number): void => {
    if (weight > (weights.get(term) ?? 0)) weights.set(term, weight);
  };
  for (const w of words) put(w.term, w.term.length === 1 && /\p{sc=Han}/u.test(w.term) ? 0.3 : 1);
  for (const b of hanBigrams(query)) put(BIGRAM_PREFIX + b.term, 0.4);
  for (const c of concepts) {
    for (const form of c.forms.slice(0, 8)) {
      for (const w of segment(form)) put(w.term, 0.8);
      for (const b of hanBigrams(form)) put(BIGRAM_PREFIX + b.term, 0.3);
    }
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/** True when the concepts appear in the query's order, each within a short distance of the previous. */
function inOrderNearby(folded: string, concepts: Concept[]): boolean {
  if (concepts.length < 2) return false;
  let at = -1;
  let prevEnd = -1;
  for (const c of concepts) {
    let best = -1;
    let bestLen = 0;
    for (const f of c.forms) {
      const i = folded.indexOf(f, Math.max(0, prevEnd));
      if (i !== -1 && (best === -1 || i < best)) {
        best = i;
        bestLen = f.length;
      }
    }
    if (best === -1 || (at !== -1 && best - prevEnd > 12)) return false;
    at = best;
    prevEnd = best + bestLen;
  }
  return true;
}

/** Spans of the passage where a form of a concept occurs, merged where they touch. */
export function highlight(folded: string, concepts: readonly { forms: string[] }[]): Span[] {
  const spans: Span[] = [];
  for (const c of concepts) {
    for (const f of c.forms) {
      if (!f) continue;
      for (let at = folded.indexOf(f); at !== -1; at = folded.indexOf(f, at + f.length)) {
        spans.push({ start: at, end: at + f.length });
      }
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

/** At most PER_ARTICLE_IN_TOP passages of one article among the first TOP; the rest keep their order after. */
function diversify<T>(ranked: T[], articleOf: (r: T) => number): T[] {
  const top: T[] = [];
  const rest: T[] = [];
  const perArticle = new Map<number, number>();
  for (const r of ranked) {
    const a = articleOf(r);
    const n = perArticle.get(a) ?? 0;
    if (top.length < TOP && n < PER_ARTICLE_IN_TOP) {
      top.push(r);
      perArticle.set(a, n + 1);
    } else {
      rest.push(r);
    }
  }
  return [...top, ...rest];
}

/** The sentence before and after a short passage, from its article. */
function neighbours(articles: readonly Article[], p: Passage): { before?: string; after?: string } {
  const paragraphs = articleParagraphs(articles[p.article] as Article);
  const own = paragraphs[p.paragraph] ?? '';
  const beforeText = p.start > 0 ? own.slice(0, p.start) : (paragraphs[p.paragraph - 1] ?? '');
  const afterText = p.end < own.length ? own.slice(p.end) : (paragraphs[p.paragraph + 1] ?? '');
  const before = sentences(beforeText).at(-1)?.text.trim();
  const after = sentences(afterText)[0]?.text.trim();
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** Close names and terms from the index for a query that found nothing. */
function suggest(index: ShijiIndex, query: string, queryWords: readonly Token[]): string[] {
  const q = key(query);
  const scored: { form: string; d: number }[] = [];
  for (const form of index.aliases.forms()) {
    const k = key(form);
    const d = editDistance(q, k);
    if (d <= Math.max(1, Math.floor(k.length / 3)) || (q.length >= 2 && (k.includes(q) || q.includes(k)))) scored.push({ form, d });
  }
  // Words of the index one or two edits away (a typo), or that start with what was typed.
  const words = queryWords.map((w) => w.term).filter((w) => w.length >= 2);
  if (words.length) {
    for (const term of index.search.vocabulary()) {
      if (term.startsWith(BIGRAM_PREFIX) || Math.abs(term.length - (words[0] as string).length) > 2) continue;
      for (const w of words) {
        if (term === w || term[0] !== w[0]) continue;
        const d = term.startsWith(w) ? 1 : editDistance(w, term);
        if (d <= Math.max(1, Math.floor(w.length / 3))) scored.push({ form: term, d: d + 0.5 });
      }
    }
  }
  scored.sort((a, b) => a.d - b.d);
  return [...new Set(scored.map((s) => s.form))].slice(0, 5);
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}
