import { articleParagraphs, type Article } from '../corpus/article.ts';
import { publicationDay } from '../extract/dates.ts';
import type { ShijiIndex } from '../index/index.ts';
import type { Hit, WeightedTerm } from '../index/inverted.ts';
import { passageText, sentences, type Passage } from '../index/passages.ts';
import { BIGRAM_PREFIX } from '../index/terms.ts';
import { key } from '../text/aliases.ts';
import { fold } from '../text/normalize.ts';
import { segment, type Token } from '../text/segment.ts';
import { conceptCoverage, flatten, findAll, highlight, queryConcepts, queryTerms, withoutInvisible, type Concept } from './concepts.ts';
import { answerFit, answerShape, framePattern, understand, type Question } from './question.ts';
import type { AskHit, AskResult, SourceRef } from './types.ts';

export { highlight } from './concepts.ts';

export const MAX_QUERY_CHARS = 200;
const DEFAULT_LIMIT = 5;
// BM25 finds the candidates; only the best of them are re-ranked on phrase, proximity and coverage.
const RERANK_DEPTH = 150;
// What part of a concept counts in an article that names the concept whole elsewhere.
const SHORT_FORM = 0.85;
// How near the question a sentence naming the kind of thing asked for counts, at least.
const FOCUS_NEAR = 0.7;
// Of those, how many are searched for the shape of the answer asked for.
const SHAPE_DEPTH = 40;
// A passage shorter than this is shown with its neighbouring sentences.
const SHORT_PASSAGE = 40;
const PER_ARTICLE_IN_TOP = 2;
const TOP = 5;

/** The weights of the ranking's signals: tuned by cross-validation (bench/ask-cv.ts), not by hand. */
export interface AskTuning {
  /** How much a sentence holding the shape of the answer asked for (a number, a date…) near the asked concepts counts. */
  shape: number;
  /** How much a near-synonym (variants.ts) counts against the word typed. */
  variant: number;
  /** How much the asked concepts standing close together in one sentence count. */
  proximity: number;
  /** How much of a passage's coverage comes from its article (an answer often follows the paragraph that names the topic). */
  article: number;
  /** How much of what its article covers a passage borrows (the paragraph before lends all of its own). */
  articleShare: number;
  /** The power of the engine's score: below 1 it weighs less against the answer's signals. */
  engine: number;
  /** 1: a passage holding the answer asked for may be a third of its article in the top five. */
  answerFirst: number;
}

export const DEFAULT_TUNING: AskTuning = { shape: 3, variant: 0.7, proximity: 0.5, article: 0.9, articleShare: 0.8, engine: 0.5, answerFirst: 1 };

export interface AskOptions {
  limit?: number;
  offset?: number;
  /** For the tuning bench only. */
  tuning?: Partial<AskTuning>;
}

/** The passages that answer a query, best first, with their sources. Pure over the index. */
export function ask(index: ShijiIndex, rawQuery: string, options: AskOptions = {}): AskResult {
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 100));
  const offset = Math.max(0, options.offset ?? 0);
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const chars = [...withoutInvisible(rawQuery).trim()];
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

  // The question word says what kind of answer is wanted; the rest of the query is what to look for.
  const question = understand(query);
  const words = segment(question.topic);
  if (words.length === 0) return empty('没有可搜索的内容：问题里只有虚词或标点。');

  const concepts = queryConcepts(index, question.topic, words, tuning.variant);
  const hits = retrieve(index, queryTerms(question.topic, words, concepts));
  if (hits.length === 0) return empty(`语料中没有找到与“${query}”相关的段落。`, suggest(index, query, words));

  const ordered = rerank(index, hits, question, concepts, tuning);
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

/** The candidates: the search engine's best passages for the weighted terms (the only call into the engine). */
function retrieve(index: ShijiIndex, weighted: WeightedTerm[]): Hit[] {
  return index.search.search(weighted, RERANK_DEPTH).hits;
}

interface Ranked {
  passage: Passage;
  text: string;
  folded: string;
  score: number;
  coverage: number;
  /** How well its best sentence holds an answer of the shape asked for, near the asked concepts (0–1). */
  answers: number;
}

/**
 * Orders the candidates by what answers: the engine's score, times how much of the query the
 * passage (and its article) covers, how close together, whether a sentence holds an answer of the
 * shape asked for near the asked concepts, a phrase match and a title match.
 */
function rerank(index: ShijiIndex, hits: readonly Hit[], question: Question, concepts: readonly Concept[], tuning: AskTuning): Ranked[] {
  const foldedTopic = flatten(fold(question.topic));
  const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0) || 1;
  const shape = answerShape(question);
  const frame = framePattern(question);
  const titles = new Map<number, string>();
  const titleOf = (article: number): string => {
    let t = titles.get(article);
    if (t === undefined) titles.set(article, (t = flatten(fold((index.articles[article] as Article).title))));
    return t;
  };
  const years = new Map<number, number | undefined>();
  const articleYear = (article: number): number | undefined => {
    if (!years.has(article)) {
      const a = index.articles[article] as Article;
      const day = publicationDay(a.publishedAt, a.url);
      years.set(article, day ? Number(day.slice(0, 4)) : undefined);
    }
    return years.get(article);
  };
  const candidates = hits.map((hit) => {
    const passage = index.passages[hit.id] as Passage;
    const text = passageText(index.articles, passage);
    const folded = fold(text);
    const flat = flatten(folded);
    const year = articleYear(passage.article);
    // A year asked about (2020年…批准) is the year of an article published then, whether or not the passage repeats it (7月9日).
    const each = concepts.map((c) => (c.year !== undefined && c.year === year ? 1 : conceptCoverage(flat, c)));
    return { hit, passage, text, folded, flat, each, coverage: 0 };
  });
  // What each article covers, over its candidate passages and its title: the topic may be named
  // in one paragraph and answered in the next.
  const articleCover = new Map<number, number[]>();
  for (const c of candidates) {
    let cover = articleCover.get(c.passage.article);
    if (!cover) {
      const title = titleOf(c.passage.article);
      cover = concepts.map((k) => conceptCoverage(title, k));
      articleCover.set(c.passage.article, cover);
    }
    c.each.forEach((v, i) => {
      if (v > (cover[i] as number)) cover[i] = v;
    });
  }
  // Later mentions shorten what the article named in full (高市 for 高市早苗, 石破 for 石破茂): part
  // of a concept counts nearly as the whole in an article that names it whole somewhere.
  for (const c of candidates) {
    const cover = articleCover.get(c.passage.article) as number[];
    c.each = c.each.map((v, i) => (v > 0 && v < SHORT_FORM && (cover[i] as number) >= 1 ? SHORT_FORM : v));
  }
  const weighted = (each: readonly number[]): number => concepts.reduce((sum, c, i) => sum + c.weight * (each[i] as number), 0) / totalWeight;
  // The passage just before, when it is a candidate: its topic is often what the next one answers.
  const endingAt = new Map<string, number>();
  const paragraphBest = new Map<string, number>();
  for (const c of candidates) {
    c.coverage = weighted(c.each);
    const p = c.passage;
    endingAt.set(`${p.article}:${p.paragraph}:${p.end}`, c.coverage);
    const k = `${p.article}:${p.paragraph}`;
    paragraphBest.set(k, Math.max(paragraphBest.get(k) ?? 0, c.coverage));
  }
  const before = (p: Passage): number =>
    (p.start > 0 ? endingAt.get(`${p.article}:${p.paragraph}:${p.start}`) : paragraphBest.get(`${p.article}:${p.paragraph - 1}`)) ?? 0;

  const titleHits = new Map<number, boolean>();
  const scored = candidates.map((c) => {
    const coverage = c.coverage;
    const articleCoverage = weighted(articleCover.get(c.passage.article) as number[]);
    let titleHit = titleHits.get(c.passage.article);
    if (titleHit === undefined) {
      const title = titleOf(c.passage.article);
      titleHits.set(c.passage.article, (titleHit = concepts.some((k) => k.forms.some((f) => f.weight >= 1 && title.includes(f.text)))));
    }
    const phrase = foldedTopic.length >= 2 && c.flat.includes(foldedTopic);
    const near = !phrase && inOrderNearby(c.flat, concepts);
    // Sentence by sentence: how much of the query one sentence holds.
    const parts = clauses(c.flat);
    // A concept absent from the passage is absent from each of its sentences.
    const locals = parts.map((s) => (parts.length === 1 ? coverage : weighted(concepts.map((k, i) => ((c.each[i] as number) > 0 ? conceptCoverage(s, k) : 0)))));
    const together = Math.max(0, ...locals);
    const context = Math.max(before(c.passage), tuning.articleShare * articleCoverage);
    const mixed = (1 - tuning.article) * coverage + tuning.article * Math.max(coverage, context);
    // BM25 alone lets a long passage of common bigrams beat a short one that names the thing asked about.
    const score =
      c.hit.score ** tuning.engine *
      2 *
      (0.15 + mixed) ** 2 *
      (phrase ? 1.6 : near ? 1.25 : 1) *
      (titleHit ? 1.15 : 1) *
      (1 + tuning.proximity * together);
    return { c, parts, locals, score };
  });
  // Whether a sentence holds an answer of the shape asked for, near the asked concepts (a sentence
  // that names none of them does not count): looked for in the best candidates only, since the
  // patterns cost more than everything else and a weak candidate cannot climb to the first page.
  const byScore = [...scored].sort((a, b) => b.score - a.score);
  const answersOf = new Map<(typeof scored)[number], number>();
  // A why-question asks to explain its predicate: a cause word in a sentence that does not name it explains something else.
  const explained = question.intent === 'cause' ? predicateConcepts(foldedTopic, concepts) : [];
  const explainedWeight = explained.reduce((sum, k) => sum + k.weight, 0);
  const ofPredicate = (s: string): number => explained.reduce((sum, k) => sum + k.weight * conceptCoverage(s, k), 0) / explainedWeight;
  if (shape || frame) {
    for (const x of byScore.slice(0, SHAPE_DEPTH)) {
      let answers = 0;
      x.parts.forEach((s, i) => {
        let local = x.locals[i] as number;
        if (local <= 0) return;
        if (explainedWeight > 0) local = Math.min(local, ofPredicate(s));
        const fits = answerFit(s, shape, frame);
        // A sentence naming the kind of thing asked for (都县 of 哪些都县) is near enough to the question.
        const near = question.focus?.some((f) => s.includes(f)) ? Math.max(local, FOCUS_NEAR) : local;
        if (fits) answers = Math.max(answers, fits * (0.3 + 0.7 * near));
      });
      answersOf.set(x, answers);
    }
  }
  const ranked = scored.map((x): Ranked => {
    const answers = answersOf.get(x) ?? 0;
    return { passage: x.c.passage, text: x.c.text, folded: x.c.folded, score: x.score * (1 + tuning.shape * answers), coverage: x.c.coverage, answers };
  });
  // Passages that share only stray bigrams with the query are noise once anything names what was asked.
  const relevant = ranked.some((r) => r.coverage > 0) ? ranked.filter((r) => r.coverage > 0) : ranked;
  // Best first; between equals, the earlier report (the original before its reprints).
  const published = (r: Ranked): string => index.articles[r.passage.article]?.publishedAt ?? '';
  // Dates are ISO strings: compared by code unit, not by locale (which is slow and may reorder).
  const earlier = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  relevant.sort((a, b) => b.score - a.score || earlier(published(a), published(b)) || a.passage.article - b.passage.article);
  // The same wire paragraph reprinted by several outlets is one answer, shown once.
  const seenText = new Set<string>();
  const unique = relevant.filter((r) => {
    const k = r.folded.replace(/\s+/g, '');
    if (seenText.has(k)) return false;
    seenText.add(k);
    return true;
  });
  // The cap keeps a topic search varied; a passage holding the answer asked for is never held back by it.
  return diversify(unique, (r) => r.passage.article, (r) => tuning.answerFirst > 0 && r.answers >= 0.5);
}

/**
 * The last two concepts of the topic as typed: what a why-question asks to explain. A Chinese question
 * ends with its predicate, whether the question word stands before it (特朗普为什么不想重返TPP) or
 * opens a claim (为什么说…禁令对日本经济影响不大).
 */
function predicateConcepts(flatTopic: string, concepts: readonly Concept[]): Concept[] {
  const at = (c: Concept): number => Math.min(...c.forms.filter((f) => f.weight >= 1).map((f) => flatTopic.indexOf(f.text)).filter((i) => i >= 0), Infinity);
  return [...concepts].filter((c) => at(c) < Infinity).sort((a, b) => at(a) - at(b)).slice(-2);
}

/** The sentences of a compact passage (cut after 。！？；). */
function clauses(flat: string): string[] {
  return flat.split(/(?<=[。！？!?；;])/u).filter((s) => s.length > 0);
}

/** True when the concepts appear in the query's order, each within a short distance of the previous. */
function inOrderNearby(flat: string, concepts: readonly Concept[]): boolean {
  if (concepts.length < 2) return false;
  let prevEnd = -1;
  let first = true;
  for (const c of concepts) {
    let best = -1;
    let bestLen = 0;
    for (const f of c.forms) {
      const i = findAll(flat, f.text, Math.max(0, prevEnd))[0] ?? -1;
      if (i !== -1 && (best === -1 || i < best)) {
        best = i;
        bestLen = f.text.length;
      }
    }
    if (best === -1 || (!first && best - prevEnd > 12)) return false;
    first = false;
    prevEnd = best + bestLen;
  }
  return true;
}

export function sourceRef(article: Article): SourceRef {
  return { title: article.title, url: article.url, publishedAt: article.publishedAt, source: article.source, file: article.file };
}

/** At most PER_ARTICLE_IN_TOP passages of one article among the first TOP; the rest keep their order after. */
function diversify<T>(ranked: T[], articleOf: (r: T) => number, exempt: (r: T) => boolean = () => false): T[] {
  const top: T[] = [];
  const rest: T[] = [];
  const perArticle = new Map<number, number>();
  for (const r of ranked) {
    const a = articleOf(r);
    const n = perArticle.get(a) ?? 0;
    if (top.length < TOP && (n < PER_ARTICLE_IN_TOP || exempt(r))) {
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
