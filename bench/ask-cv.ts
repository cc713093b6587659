/**
 * /ask ranking on every labelled ask case (tests/eval/ask-*.json and ../shared/eval/cases.json),
 * matched the way ../shared/eval/score.mjs matches (folded text, a label or 60% of it within the
 * first 320 characters), with k-fold cross-validation of the ranking's weights:
 *
 *   npx tsx bench/ask-cv.ts [--folds K] [--seed N] [--verbose]
 *
 * Each fold picks, from a small grid of AskTuning values, the one with the best MRR@10 on the other
 * folds and reports it on its own cases: a weight that only helps one set shows up as a weak fold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as OpenCC from 'opencc-js';
import { ask, DEFAULT_TUNING, type AskTuning } from '../src/answers/ask.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex, type ShijiIndex } from '../src/index/index.ts';
import { defaultCorpusDirs, PROJECT_ROOT } from './eval.ts';

interface Label {
  file: string;
  contains: string;
}
interface Case {
  set: string;
  query: string;
  relevant: Label[];
}

const SHARED_CASES = join(PROJECT_ROOT, '..', 'shared', 'eval', 'cases.json');

function loadCases(): Case[] {
  const files = ['ask-corpus.json', 'ask-seeds.json'].map((f) => join(PROJECT_ROOT, 'tests', 'eval', f));
  if (existsSync(SHARED_CASES)) files.push(SHARED_CASES);
  const out: Case[] = [];
  for (const f of files) {
    const set = f.split('/').pop() as string;
    for (const c of JSON.parse(readFileSync(f, 'utf8')) as { kind: string; query: string; relevant: Label[] }[]) {
      if (c.kind === 'ask') out.push({ set, query: c.query, relevant: c.relevant });
    }
  }
  return out;
}

// The scorer's matching: traditional → simplified (Taiwan preset), NFKC, no white space or markup.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const norm = (s: string): string => toSimplified(s.normalize('NFKC')).replace(/[*_`~|>]/g, '').replace(/\s+/g, '');
function longestCommonRun(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j] as number;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if ((prev[j] as number) > best) best = prev[j] as number;
      diag = keep;
    }
  }
  return best;
}
const normCache = new Map<string, string>();
const normed = (s: string): string => {
  let v = normCache.get(s);
  if (v === undefined) normCache.set(s, (v = norm(s)));
  return v;
};
function hit(label: Label, r: { file: string; text: string }): boolean {
  if (r.file.split('/').pop() !== label.file) return false;
  const l = normed(label.contains);
  const t = normed(r.text).slice(0, 320);
  return t.includes(l) || longestCommonRun(l, t) >= Math.max(8, Math.ceil(0.6 * l.length));
}

interface Scored {
  rank: number | null;
  rr: number;
  s1: number;
  s5: number;
  recall: number;
  found: number;
  labels: number;
}

function run(index: ShijiIndex, c: Case, tuning: AskTuning): Scored & { top: string[] } {
  const results = ask(index, c.query, { limit: 10, tuning }).results;
  const first = results.findIndex((r) => c.relevant.some((l) => hit(l, r)));
  const rank = first < 0 ? null : first + 1;
  const found = c.relevant.filter((l) => results.some((r) => hit(l, r))).length;
  return {
    rank,
    rr: rank ? 1 / rank : 0,
    s1: rank === 1 ? 1 : 0,
    s5: rank !== null && rank <= 5 ? 1 : 0,
    recall: found / c.relevant.length,
    found,
    labels: c.relevant.length,
    top: results.slice(0, 3).map((r) => `${r.file.slice(0, 3)} ${[...r.text].slice(0, 50).join('')}`),
  };
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const summary = (rows: Scored[]): string =>
  `n=${rows.length} s@1 ${mean(rows.map((r) => r.s1)).toFixed(3)} s@5 ${mean(rows.map((r) => r.s5)).toFixed(3)} MRR ${mean(rows.map((r) => r.rr)).toFixed(3)} recall@10 ${(rows.reduce((n, r) => n + r.found, 0) / Math.max(1, rows.reduce((n, r) => n + r.labels, 0))).toFixed(3)}`;

/** The grid each fold chooses from: every combination of these values over the defaults. */
const GRID: Partial<Record<keyof AskTuning, number[]>> = {
  shape: [1.6, 3, 5],
  proximity: [0, 0.5],
  article: [0.6, 0.9],
  articleShare: [0.6, 0.8, 1],
  engine: [0.25, 0.5, 0.75],
};

function* grid(): Generator<AskTuning> {
  const keys = Object.keys(GRID) as (keyof AskTuning)[];
  const walk = function* (i: number, acc: AskTuning): Generator<AskTuning> {
    if (i === keys.length) {
      yield acc;
      return;
    }
    const key = keys[i] as keyof AskTuning;
    for (const v of GRID[key] ?? []) yield* walk(i + 1, { ...acc, [key]: v });
  };
  yield* walk(0, { ...DEFAULT_TUNING });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { folds: { type: 'string', default: '5' }, seed: { type: 'string', default: '13' }, verbose: { type: 'boolean', default: false } } });
  const cases = loadCases();
  const corpus = await loadCorpus(defaultCorpusDirs());
  const index = await buildIndex(corpus.articles);
  const base = cases.map((c) => run(index, c, DEFAULT_TUNING));
  if (values.verbose) {
    cases.forEach((c, i) => {
      const r = base[i] as ReturnType<typeof run>;
      if (r.rank === 1 && r.recall === 1) return;
      process.stdout.write(`[${c.set}] ${c.query} → rank ${r.rank ?? '—'} recall ${r.recall.toFixed(2)}\n${r.top.map((t) => `    ${t}`).join('\n')}\n`);
    });
  }
  process.stdout.write(`defaults: ${JSON.stringify(DEFAULT_TUNING)}\n`);
  for (const set of [...new Set(cases.map((c) => c.set))]) process.stdout.write(`  ${set.padEnd(16)} ${summary(base.filter((_, i) => cases[i]?.set === set))}\n`);
  process.stdout.write(`  ${'all'.padEnd(16)} ${summary(base)}\n`);

  const k = Number(values.folds);
  if (!(k >= 2)) return;
  // Folds drawn by a seeded shuffle, each set spread over every fold.
  let seed = Number(values.seed);
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const order = cases.map((_, i) => i).sort((a, b) => (cases[a]?.set ?? '').localeCompare(cases[b]?.set ?? '') || rand() - 0.5);
  const fold = new Array<number>(cases.length);
  order.forEach((ci, pos) => (fold[ci] = pos % k));
  const settings = [...grid()];
  const table = settings.map((t) => cases.map((c) => run(index, c, t)));
  const held: Scored[] = [];
  for (let f = 0; f < k; f++) {
    const train = (rows: Scored[]): Scored[] => rows.filter((_, i) => fold[i] !== f);
    let best = 0;
    settings.forEach((_, s) => {
      if (mean(train(table[s] as Scored[]).map((r) => r.rr)) > mean(train(table[best] as Scored[]).map((r) => r.rr))) best = s;
    });
    const test = (table[best] as Scored[]).filter((_, i) => fold[i] === f);
    held.push(...test);
    process.stdout.write(`fold ${f + 1}/${k}: chose ${JSON.stringify(settings[best])}; held out ${summary(test)}\n`);
  }
  process.stdout.write(`cross-validated: ${summary(held)}\n`);
  const overall = settings.map((_, s) => mean((table[s] as Scored[]).map((r) => r.rr)));
  const top = overall.indexOf(Math.max(...overall));
  process.stdout.write(`best on all cases: ${JSON.stringify(settings[top])} MRR ${overall[top]?.toFixed(3)}\n`);
  const bestRows = table[top] as Scored[];
  for (const set of [...new Set(cases.map((c) => c.set))]) process.stdout.write(`  ${set.padEnd(16)} ${summary(bestRows.filter((_, i) => cases[i]?.set === set))}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ask-cv: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
