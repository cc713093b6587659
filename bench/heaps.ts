/**
 * Heaps' law, V = K·N^β (N tokens read, V distinct terms among them), measured with shiji's own
 * segmenter (src/text/segment.ts: folded words, stop words out) so that "term" means what the
 * index stores. `npm run -s heaps -- [--corpus DIR ...] [--orders 8] [--sizes 1000,3000]`
 * prints K and β per corpus folder and together, and for each size how far the synthesised
 * archive's vocabulary is from the real curve's extrapolation.
 *
 * The fit is least squares on log V against log N over growing prefixes of the articles, in
 * several orders (publication order and seeded shuffles) pooled, so one article order does not
 * decide β. Prefix points are thinned to steps of at least 5% in N, so that the long tail of
 * large prefixes does not outweigh the small ones.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { articleParagraphs, type Article } from '../src/corpus/article.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { segment } from '../src/text/segment.ts';
import { defaultCorpusDirs } from './eval.ts';
import { prng } from './synth.ts';

export interface HeapsPoint {
  tokens: number;
  terms: number;
}

export interface HeapsFit {
  K: number;
  beta: number;
  /** Coefficient of determination of the log-log fit. */
  r2: number;
  points: number;
}

/** Least squares of log V = log K + β log N. Throws on fewer than two distinct N. */
export function fitHeaps(points: readonly HeapsPoint[]): HeapsFit {
  const xy = points.filter((p) => p.tokens > 0 && p.terms > 0).map((p) => [Math.log(p.tokens), Math.log(p.terms)] as const);
  const n = xy.length;
  const mx = xy.reduce((s, [x]) => s + x, 0) / n;
  const my = xy.reduce((s, [, y]) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of xy) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  if (n < 2 || sxx === 0) throw new Error(`heaps: a fit needs at least two prefixes of different token counts (got ${n})`);
  const beta = sxy / sxx;
  const logK = my - beta * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { K: Math.exp(logK), beta, r2, points: n };
}

/** K·N^β: the vocabulary the fit expects after N tokens. */
export const expectedTerms = (fit: Pick<HeapsFit, 'K' | 'beta'>, tokens: number): number => fit.K * tokens ** fit.beta;

/** (N, V) after each document in the given order, thinned to steps of ≥ `step` (relative) in N. */
export function heapsCurve(docs: Iterable<readonly string[]>, step = 0.05): HeapsPoint[] {
  const seen = new Set<string>();
  let tokens = 0;
  const out: HeapsPoint[] = [];
  let last: HeapsPoint | undefined;
  for (const terms of docs) {
    for (const t of terms) seen.add(t);
    tokens += terms.length;
    last = { tokens, terms: seen.size };
    const prev = out.at(-1);
    if (tokens > 0 && (!prev || tokens >= prev.tokens * (1 + step))) out.push(last);
  }
  if (last && out.at(-1) !== last && last.tokens > 0) out.push(last);
  return out;
}

/** The terms of an article as the index reads it: title, lead, sub-headings and paragraphs. */
export function articleTerms(a: Article): string[] {
  return [a.title, ...articleParagraphs(a)].flatMap((t) => segment(t).map((x) => x.term));
}

export interface HeapsMeasure extends HeapsFit {
  tokens: number;
  terms: number;
  /** β fitted on each order alone: publication order first, then the shuffles. */
  betaByOrder: number[];
}

/**
 * The fit over growing prefixes of `docs` (each a document's terms) in publication order (as
 * given) and `shuffles` seeded random orders, all points pooled.
 */
export function measureHeaps(docs: readonly (readonly string[])[], shuffles = 7, seed = 1): HeapsMeasure {
  const random = prng(seed);
  const orders: (readonly string[])[][] = [[...docs]];
  for (let s = 0; s < shuffles; s++) {
    const o = [...docs];
    for (let i = o.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [o[i], o[j]] = [o[j] as readonly string[], o[i] as readonly string[]];
    }
    orders.push(o);
  }
  const curves = orders.map((o) => heapsCurve(o));
  const fit = fitHeaps(curves.flat());
  const whole = curves[0]?.at(-1) ?? { tokens: 0, terms: 0 };
  return { ...fit, tokens: whole.tokens, terms: whole.terms, betaByOrder: curves.map((c) => fitHeaps(c).beta) };
}

/** Articles in publication order (ties by file), as a real archive grows. */
export const byDate = (articles: readonly Article[]): Article[] =>
  [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.file.localeCompare(b.file));

const f3 = (x: number): string => x.toFixed(3);

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      corpus: { type: 'string', multiple: true },
      orders: { type: 'string', default: '8' },
      sizes: { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dirs = values.corpus?.length ? values.corpus.map((d) => resolve(d)) : defaultCorpusDirs();
  const shuffles = Math.max(0, Number(values.orders) - 1);
  const out: Record<string, unknown> = {};
  const all: Article[] = [];
  const lines: string[] = ['| corpus | articles | N tokens | V terms | K | β | β by order (min–max) | R² |', '|---|---|---|---|---|---|---|---|'];
  const row = (name: string, articles: readonly Article[]): HeapsMeasure => {
    const m = measureHeaps(byDate(articles).map(articleTerms), shuffles);
    out[name] = { articles: articles.length, ...m };
    lines.push(`| ${name} | ${articles.length} | ${m.tokens} | ${m.terms} | ${m.K.toFixed(2)} | ${f3(m.beta)} | ${f3(Math.min(...m.betaByOrder))}–${f3(Math.max(...m.betaByOrder))} | ${f3(m.r2)} |`);
    return m;
  };
  for (const dir of dirs) {
    const articles = (await loadCorpus([dir])).articles;
    all.push(...articles);
    if (articles.length > 1) row(dir, articles);
  }
  const together = row('together', all);
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : [];
  if (sizes.length) {
    const { synthesize } = await import('./synth.ts');
    const { vocabularyPlan } = await import('./substitute.ts');
    const plan = await vocabularyPlan(all, { curve: together });
    lines.push('', '| archive articles | N tokens | V terms | K·N^β (real fit) | V / expected | β of the archive |', '|---|---|---|---|---|---|');
    for (const size of sizes) {
      const archive = synthesize(all, { size, vocabulary: plan });
      const m = measureHeaps(archive.articles.map(articleTerms), 0);
      const expected = expectedTerms(together, m.tokens);
      out[`archive-${size}`] = { ...m, expected };
      lines.push(`| ${size} | ${m.tokens} | ${m.terms} | ${Math.round(expected)} | ${f3(m.terms / expected)} | ${f3(m.beta)} |`);
    }
  }
  process.stdout.write(values.json ? `${JSON.stringify(out)}\n` : `${lines.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
