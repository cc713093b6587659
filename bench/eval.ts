/**
 * Answer quality on labelled cases (tests/eval/*.json): `npm run eval [-- --cases FILE ...]
 * [--corpus DIR ...] [--terms words|bigrams|words+bigrams] [--verbose] [--json]`.
 *
 *   ask       success@1, success@5, MRR@10, recall@10
 *   who       statement recall, misattributions (a returned statement holding someone else's
 *             quotation), canonical name, direct/reported flag
 *   timeline  event recall, date accuracy (found with the labelled date), pairwise order
 *
 * Defaults: every tests/eval/*.json; corpus = seeds/ plus ../shared/corpus when present. A labelled
 * item whose file is not in the loaded corpus is left out; a case left with none is reported as
 * skipped, not failed. With --json, exactly one JSON object goes to stdout; all diagnostics go to stderr.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/index/index.ts';
import type { Library } from '../src/library.ts';
import { createLibrary } from '../src/open.ts';
import { synthesize } from './synth.ts';
import {
  identityProvenance,
  scoreAsk,
  scoreTimeline,
  scoreWho,
  summarizeAsk,
  summarizeTimeline,
  summarizeWho,
  type AskScore,
  type AskSummary,
  type Labelled,
  type Provenance,
  type TimelineScore,
  type TimelineSummary,
  type WhoScore,
  type WhoSummary,
} from './metrics.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CASES_DIR = join(PROJECT_ROOT, 'tests', 'eval');
export const SEEDS_DIR = join(PROJECT_ROOT, 'seeds');
export const SHARED_CORPUS_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');

// ---------------------------------------------------------------------------------------------
// The cases' format (one JSON array per file; other tools read it, so it is checked strictly).

const LabelSchema = z.object({ file: z.string().regex(/\.txt$/), contains: z.string().min(1) });

export const AskCaseSchema = z.object({
  kind: z.literal('ask'),
  query: z.string().min(1),
  relevant: z.array(LabelSchema).min(1),
});

export const WhoCaseSchema = z.object({
  kind: z.literal('who'),
  person: z.string().min(1),
  canonical: z.string().min(1).optional(),
  statements: z.array(LabelSchema.extend({ direct: z.boolean().optional() })).min(1),
  not_statements: z.array(LabelSchema).default([]),
});

export const TimelineCaseSchema = z.object({
  kind: z.literal('timeline'),
  topic: z.string().min(1),
  events: z.array(LabelSchema.extend({ date: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$|^\d{3}0s$/) })).min(1),
});

export const CaseSchema = z.discriminatedUnion('kind', [AskCaseSchema, WhoCaseSchema, TimelineCaseSchema]);
export const CaseFileSchema = z.array(CaseSchema);

export type AskCase = z.infer<typeof AskCaseSchema>;
export type WhoCase = z.infer<typeof WhoCaseSchema>;
export type TimelineCase = z.infer<typeof TimelineCaseSchema>;
export type EvalCase = z.infer<typeof CaseSchema>;

/** A case and the file it came from. */
export interface SourcedCase {
  source: string;
  case: EvalCase;
}

export async function loadCaseFile(path: string): Promise<SourcedCase[]> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = CaseFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.map((c) => ({ source: basename(path), case: c }));
}

export async function defaultCaseFiles(): Promise<string[]> {
  return (await readdir(CASES_DIR)).filter((f) => f.endsWith('.json')).sort().map((f) => join(CASES_DIR, f));
}

export function defaultCorpusDirs(): string[] {
  return existsSync(SHARED_CORPUS_DIR) ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR];
}

export function caseName(c: EvalCase): string {
  return c.kind === 'ask' ? c.query : c.kind === 'who' ? c.person : c.topic;
}

// ---------------------------------------------------------------------------------------------
// Running the cases against a library.

export interface EvalOptions {
  /** Whether a (real) file is in the loaded corpus. */
  hasFile: (file: string) => boolean;
  provenance?: Provenance;
  /** How many /ask results to rank (10 for MRR@10 and recall@10). */
  askLimit?: number;
  whoLimit?: number;
  timelineLimit?: number;
  /** Called after each case with its wall time: the bench uses it for nothing more than progress. */
  onCase?: (done: number, total: number) => void;
}

export interface AskCaseReport extends AskScore {
  source: string;
  query: string;
  labelled: number;
  /** The top results, shortened: what the reader saw. */
  top: { file: string; text: string }[];
}

export interface WhoCaseReport extends Omit<WhoScore, 'misattributed'> {
  source: string;
  person: string;
  got: string | null;
  misattributed: string[];
  notice?: string;
}

export interface TimelineCaseReport extends TimelineScore {
  source: string;
  topic: string;
  events: number;
  notice?: string;
}

export interface SkippedCase {
  source: string;
  kind: EvalCase['kind'];
  name: string;
  reason: string;
}

export interface EvalReport {
  ask: { summary: AskSummary; bySource: Record<string, AskSummary>; cases: AskCaseReport[] };
  who: { summary: WhoSummary; cases: WhoCaseReport[] };
  timeline: { summary: TimelineSummary; cases: TimelineCaseReport[] };
  skipped: SkippedCase[];
  /** Cases run with some of their labelled items left out (their files are not loaded). */
  partial: number;
}

const short = (s: string, n = 60): string => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/** Runs every case against the library. Synchronous, like the library itself. */
export function evaluate(library: Library, cases: readonly SourcedCase[], options: EvalOptions): EvalReport {
  const provenance = options.provenance ?? identityProvenance;
  const askLimit = options.askLimit ?? 10;
  const skipped: SkippedCase[] = [];
  let partial = 0;
  const present = <T extends Labelled>(items: readonly T[]): T[] => items.filter((i) => options.hasFile(i.file));
  const skip = (s: SourcedCase, reason: string): void => {
    skipped.push({ source: s.source, kind: s.case.kind, name: caseName(s.case), reason });
  };

  const ask: AskCaseReport[] = [];
  const who: WhoCaseReport[] = [];
  const timeline: TimelineCaseReport[] = [];
  cases.forEach((s, i) => {
    const c = s.case;
    if (c.kind === 'ask') {
      const relevant = present(c.relevant);
      if (relevant.length === 0) return skip(s, `none of its files is loaded (${[...new Set(c.relevant.map((r) => r.file))].join(', ')})`);
      if (relevant.length < c.relevant.length) partial++;
      const result = library.ask(c.query, { limit: askLimit });
      const found = result.results.map((r) => ({ file: r.file, text: r.text }));
      ask.push({
        source: s.source,
        query: c.query,
        labelled: relevant.length,
        ...scoreAsk(found, relevant, provenance),
        top: found.slice(0, 5).map((f) => ({ file: f.file, text: short(f.text) })),
      });
    } else if (c.kind === 'who') {
      const statements = present(c.statements);
      if (statements.length === 0) return skip(s, 'none of its statements is in a loaded file');
      if (statements.length < c.statements.length) partial++;
      const result = library.who(c.person, { limit: options.whoLimit ?? 1000 });
      const score = scoreWho(
        { person: result.person, statements: result.statements.map((st) => ({ file: st.file, text: st.text, direct: st.direct })) },
        { ...(c.canonical !== undefined ? { canonical: c.canonical } : {}), statements, not_statements: present(c.not_statements) },
        provenance,
      );
      who.push({
        source: s.source,
        person: c.person,
        got: result.person,
        ...score,
        misattributed: score.misattributed.map((t) => short(t)),
        ...(result.notice ? { notice: result.notice } : {}),
      });
    } else {
      const events = present(c.events);
      if (events.length === 0) return skip(s, 'none of its events is in a loaded file');
      if (events.length < c.events.length) partial++;
      const result = library.timeline(c.topic, { limit: options.timelineLimit ?? 1000 });
      const found = result.events.map((e) => ({ file: e.file, text: e.text, date: e.date }));
      timeline.push({
        source: s.source,
        topic: c.topic,
        events: found.length,
        ...scoreTimeline(found, events, provenance),
        ...(result.notice ? { notice: result.notice } : {}),
      });
    }
    options.onCase?.(i + 1, cases.length);
  });

  const bySource: Record<string, AskSummary> = {};
  for (const src of [...new Set(ask.map((a) => a.source))]) bySource[src] = summarizeAsk(ask.filter((a) => a.source === src));
  return {
    ask: { summary: summarizeAsk(ask), bySource, cases: ask },
    who: { summary: summarizeWho(who), cases: who },
    timeline: { summary: summarizeTimeline(timeline), cases: timeline },
    skipped,
    partial,
  };
}

// ---------------------------------------------------------------------------------------------
// The readable report.

const pct = (x: number | null): string => (x === null || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number): string => x.toFixed(3);

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (c: string, w: number): string => c + ' '.repeat(Math.max(0, w - displayWidth(c)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The library's notices for empty answers, grouped: “who: not built yet” once, not ten times. */
function notices(out: string[], rows: [string, number, string | undefined][]): void {
  const byNotice = new Map<string, string[]>();
  for (const [name, count, notice] of rows) if (notice && count === 0) byNotice.set(notice, [...(byNotice.get(notice) ?? []), name]);
  for (const [notice, names] of byNotice) out.push(`  ${names.length} with nothing returned: “${short(notice, 80)}” (${short(names.join(', '), 60)})`);
}

export function formatReport(report: EvalReport, options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  const a = report.ask;
  out.push('## /ask');
  const askRow = (name: string, s: AskSummary): string[] => [name, String(s.cases), pct(s.success1), pct(s.success5), num(s.mrr10), pct(s.recall10)];
  out.push(
    table(
      ['cases from', 'n', 'success@1', 'success@5', 'MRR@10', 'recall@10'],
      [...Object.entries(a.bySource).map(([src, s]) => askRow(src, s)), askRow('all', a.summary)],
    ),
  );
  const askMisses = a.cases.filter((c) => (options.verbose ? c.success1 === 0 : c.success5 === 0));
  if (askMisses.length) {
    out.push('', options.verbose ? 'Not first:' : 'Not in the top 5:');
    for (const c of askMisses) {
      out.push(`  ${c.query}  → first relevant at ${c.firstRank ?? '—'}${c.top[0] ? `; top: ${c.top[0].file} ${c.top[0].text}` : '; no results'}`);
    }
  }

  const w = report.who;
  out.push('', '## /who');
  out.push(
    table(
      ['person', 'canonical', 'found', 'recall', 'returned', 'misattributed', 'direct ok'],
      [
        ...w.cases.map((c) => [
          c.person,
          `${c.got ?? '—'}${c.canonicalOk === false ? ' ✗' : ''}`,
          `${c.found}/${c.labelled}`,
          pct(c.recall),
          String(c.returned),
          String(c.misattributions),
          c.directChecked ? `${c.directCorrect}/${c.directChecked}` : '—',
        ]),
        ['all', pct(w.summary.canonicalAccuracy), '', pct(w.summary.recall), '', String(w.summary.misattributions), pct(w.summary.directAccuracy)],
      ],
    ),
  );
  notices(out, w.cases.map((c) => [c.person, c.returned, c.notice]));
  for (const c of w.cases) {
    for (const m of c.misattributed) out.push(`  ${c.person}: misattributed “${m}”`);
    if (options.verbose) for (const m of c.missing) out.push(`  ${c.person}: missing ${m.file} “${m.contains}”`);
  }

  const t = report.timeline;
  out.push('', '## /timeline');
  out.push(
    table(
      ['topic', 'events', 'found', 'date exact', 'date consistent', 'order'],
      [
        ...t.cases.map((c) => [c.topic, String(c.events), `${c.found}/${c.labelled}`, `${c.dateCorrect}/${c.labelled}`, `${c.dateConsistent}/${c.labelled}`, pct(c.order)]),
        ['all', '', pct(t.summary.eventRecall), pct(t.summary.dateAccuracy), pct(t.summary.dateConsistency), pct(t.summary.order)],
      ],
    ),
  );
  notices(out, t.cases.map((c) => [c.topic, c.events, c.notice]));
  for (const c of t.cases) {
    for (const m of c.wrongDates) out.push(`  ${c.topic}: “${short(m.contains, 30)}” dated ${m.got}, expected ${m.expected}`);
    if (options.verbose) for (const m of c.missing) out.push(`  ${c.topic}: missing ${m.file} “${m.contains}”`);
  }

  if (report.skipped.length || report.partial) {
    out.push('', `Skipped ${report.skipped.length} case(s); ${report.partial} run with part of their labels (files not loaded).`);
    for (const s of report.skipped) out.push(`  ${s.source} ${s.kind} “${s.name}”: ${s.reason}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Command line.

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      cases: { type: 'string', multiple: true },
      corpus: { type: 'string', multiple: true },
      terms: { type: 'string' },
      synth: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('npm run eval -- [--cases FILE ...] [--corpus DIR ...] [--terms words|bigrams|words+bigrams] [--synth N] [--verbose] [--json]\n');
    return 0;
  }
  const termMode = values.terms;
  if (termMode !== undefined && termMode !== 'words' && termMode !== 'bigrams' && termMode !== 'words+bigrams') {
    process.stderr.write(`eval: --terms takes words, bigrams or words+bigrams, not ${JSON.stringify(termMode)}\n`);
    return 2;
  }
  const caseFiles = values.cases?.length ? values.cases.map((f) => resolve(f)) : await defaultCaseFiles();
  const corpusDirs = values.corpus?.length ? values.corpus.map((d) => resolve(d)) : defaultCorpusDirs();
  const cases = (await Promise.all(caseFiles.map(loadCaseFile))).flat();

  const started = performance.now();
  const corpus = await loadCorpus(corpusDirs, { onSkip: (sk) => process.stderr.write(`eval: skipped ${sk.file}: ${sk.reason}\n`) });
  let files = new Set(corpus.articles.map((a) => a.file));
  // --synth N: the same cases among N articles, the real ones plus recombinations of their
  // paragraphs (bench/synth.ts): answer quality with distractors, at the scale of an archive.
  let articles = corpus.articles;
  let provenance: Provenance | undefined;
  if (values.synth !== undefined) {
    const size = Number(values.synth);
    if (!Number.isInteger(size) || size < 1) {
      process.stderr.write(`eval: --synth takes a number of articles, not ${JSON.stringify(values.synth)}\n`);
      return 2;
    }
    const archive = synthesize(corpus.articles, { size });
    articles = archive.articles;
    files = new Set(articles.slice(0, archive.real).map((a) => a.file));
    provenance = (f) => archive.provenance.get(f) ?? [f];
  }
  const index = await buildIndex(articles, termMode ? { termMode } : {});
  const library = createLibrary(index, corpus.skipped.length);
  const openSeconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `eval: ${articles.length} articles (${corpus.articles.length} from ${corpusDirs.join(', ')}) in ${openSeconds.toFixed(1)} s; ${cases.length} cases from ${caseFiles.length} file(s)\n`,
  );

  const t0 = performance.now();
  const report = evaluate(library, cases, { hasFile: (f) => files.has(f), ...(provenance ? { provenance } : {}) });
  const evalSeconds = (performance.now() - t0) / 1000;

  if (values.json) {
    const out = { corpus: { dirs: corpusDirs, articles: articles.length, realArticles: corpus.articles.length, skippedFiles: corpus.skipped.length }, caseFiles, termMode: index.termMode, openSeconds, evalSeconds, ...report };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write(`${formatReport(report, { verbose: values.verbose })}\n\n${cases.length} cases over ${articles.length} articles (terms: ${index.termMode}) in ${evalSeconds.toFixed(1)} s\n`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
