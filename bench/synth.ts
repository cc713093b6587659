/**
 * Large archives for the benchmark, made from the real articles: every new article recombines
 * real paragraphs (verbatim, so the text stays real Chinese as written, simplified and
 * traditional) under a real title, with a new id, URL and publication date. Deterministic: the
 * same real articles, size and seed give the same archive.
 *
 * The real articles themselves come first, unchanged, so that the labelled cases of tests/eval
 * still apply; `provenance` says which real files each new article's paragraphs came from, so a
 * verbatim copy of a relevant paragraph counts as relevant (bench/metrics.ts, matchesLabel).
 *
 * Verbatim copies alone keep the vocabulary at the real articles' (and each real paragraph recurs
 * about size × paragraphs-per-article / real-paragraphs times). With `vocabulary`
 * (bench/substitute.ts, what `npm run bench` uses) names, places, organisations, nouns and amounts
 * of the copies are swapped for other dictionary words so that the archive's distinct terms follow
 * the real articles' Heaps curve; the labelled passages and the queries stay verbatim.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, Block } from '../src/corpus/article.ts';
import { VocabularyGrower, type VocabularyPlan } from './substitute.ts';

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SynthOptions {
  /** Articles in the archive, the real ones included. */
  size: number;
  seed?: number;
  /** Publication dates are drawn uniformly from [from, to). */
  from?: string;
  to?: string;
  /**
   * Grow the vocabulary along the real articles' Heaps curve (bench/substitute.ts) instead of
   * copying paragraphs verbatim. The article structure and sources are the same either way.
   */
  vocabulary?: VocabularyPlan;
}

export interface SynthCorpus {
  articles: Article[];
  /** New article's file → the real files its paragraphs came from (itself first). */
  provenance: Map<string, string[]>;
  /** How many of `articles` are real (they come first). */
  real: number;
}

interface Piece {
  text: string;
  file: string;
}

export const DEFAULT_SEED = 20240410;

/**
 * The bench's "new articles" for an incremental add: copies of existing ones under new ids and files,
 * published a day later (`tag` keeps the ids of several rounds apart).
 */
export function dayLaterCopies(articles: readonly Article[], tag = ''): Article[] {
  return articles.map((a, k) => ({ ...a, id: `${a.id}-new${tag}${k}`, file: `${a.id}-new${tag}${k}.txt`, publishedAt: new Date(Date.parse(a.publishedAt) + 86_400_000).toISOString() }));
}

/** The archive: the real articles (up to `size`), then new ones until `size`. */
export function synthesize(real: readonly Article[], options: SynthOptions): SynthCorpus {
  const size = Math.max(0, Math.floor(options.size));
  const base = real.slice(0, size);
  const provenance = new Map<string, string[]>();
  const articles: Article[] = [...base];
  if (size <= base.length || real.length === 0) return { articles, provenance, real: base.length };

  const leads: Piece[] = [];
  const paragraphs: Piece[] = [];
  const headings: Piece[] = [];
  for (const a of real) {
    if (a.lead) leads.push({ text: a.lead, file: a.file });
    for (const b of a.blocks) (b.kind === 'heading' ? headings : paragraphs).push({ text: b.text, file: a.file });
  }
  if (paragraphs.length === 0) throw new Error('synth: the real articles have no paragraphs');

  const random = prng(options.seed ?? DEFAULT_SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const from = Date.parse(options.from ?? '2015-01-01T00:00:00Z');
  const to = Date.parse(options.to ?? '2026-01-01T00:00:00Z');
  const width = String(size).length;
  const grower = options.vocabulary ? new VocabularyGrower(options.vocabulary, options.seed ?? DEFAULT_SEED) : undefined;
  const text = (t: string): string => (grower ? grower.rewrite(t) : t);

  for (let i = base.length; i < size; i++) {
    // A real article gives the shape (lead or not, where the sub-headings are, how long), its
    // site and its title; the text comes from paragraphs of any article.
    const template = pick(real);
    grower?.startArticle();
    const sources = new Set<string>();
    const lead = template.lead && leads.length ? pick(leads) : undefined;
    if (lead) sources.add(lead.file);
    const blocks: Block[] = [];
    for (const b of template.blocks) {
      const piece = b.kind === 'heading' && headings.length ? pick(headings) : pick(paragraphs);
      blocks.push({ kind: b.kind === 'heading' && headings.length ? 'heading' : 'paragraph', text: text(piece.text) });
      if (b.kind !== 'heading') sources.add(piece.file);
    }
    if (!lead && !blocks.some((b) => b.kind === 'paragraph')) {
      const piece = pick(paragraphs);
      blocks.push({ kind: 'paragraph', text: text(piece.text) });
      sources.add(piece.file);
    }
    const hex = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
    const id = `s${String(i).padStart(width, '0')}_${hex}`;
    const file = `${id}.txt`;
    // Whole minutes, like the exports.
    const ms = Math.floor((from + random() * (to - from)) / 60000) * 60000;
    const title = text(pick(real).title);
    articles.push({
      id,
      file,
      title,
      url: `https://${template.source}/synth/${id}`,
      source: template.source,
      publishedAt: new Date(ms).toISOString(),
      ...(lead ? { lead: text(lead.text) } : {}),
      blocks,
    });
    provenance.set(file, [file, ...sources]);
  }
  return { articles, provenance, real: base.length };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An article in the export format the loader reads (<!--epoch ms-->, [title](url), ------, HTML
 * body): parseArticle(file, toExportText(a)) gives `a` back (tests/bench/smoke.test.ts checks it).
 */
export function toExportText(a: Article): string {
  // The loader decodes entities in a title only when it holds an '&'.
  const title = a.title.includes('&') ? escapeHtml(a.title) : a.title;
  const lines = [`<!--${Date.parse(a.publishedAt)}-->`, `[${title}](${a.url})`, '------'];
  // A by-line is loose text (outside any <p>), as the exports have it.
  if (a.author) lines.push(`作者：${escapeHtml(a.author)}<br>`);
  if (a.lead) lines.push(`<p><strong>${escapeHtml(a.lead)}</strong></p>`);
  for (const b of a.blocks) lines.push(b.kind === 'heading' ? `<h2>${escapeHtml(b.text)}</h2>` : `<p>${escapeHtml(b.text)}</p>`);
  return `${lines.join('\n')}\n`;
}

/** Writes the articles as export files into `dir` (created), a few writes in flight. */
export async function writeCorpus(articles: readonly Article[], dir: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < articles.length) {
      const a = articles[next++] as Article;
      await writeFile(join(dir, a.file), toExportText(a));
      onProgress?.(++done, articles.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, articles.length) }, worker));
}
