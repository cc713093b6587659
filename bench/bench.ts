/**
 * Speed at scale: `npm run bench [-- --sizes 1000,10000,100000] [--json] [--rounds N] [--seed N]
 * [--corpus DIR ...] [--heap MB] [--keep] [--skip-baselines]`.
 *
 * For each size, an archive is synthesised from the real articles (bench/synth.ts), written as
 * export files to a temporary folder, and measured in three child processes, one after the
 * other, so that one phase's memory does not pollute the next one's peak RSS:
 *   build      load the files (what a user pays on a first start), build the index, save the
 *              snapshot; ask/who/timeline latency over a fixed list of queries (warm: each
 *              query once first); success@5 of the labelled ask cases; peak RSS
 *   load       a fresh start from the snapshot: fingerprint the folder, load the snapshot, first
 *              /ask; peak RSS
 *   baselines  on the same text: raw nodejieba cut (the ceiling for indexing), MiniSearch with its
 *              default tokenizer, MiniSearch with an Intl.Segmenter tokenizer
 * Prints markdown tables and the targets, writes bench/results/latest.json, and with --json
 * prints that same object as the last line of stdout. Progress goes to stderr.
 */
import { fork } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { articleParagraphs, type Article } from '../src/corpus/article.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/index/index.ts';
import { updateIndex } from '../src/index/update.ts';
import { SearchEngine } from '../src/index/engine.ts';
import { toPassages } from '../src/index/passages.ts';
import { forwardPassages } from '../src/index/forward.ts';
import { DEFAULT_TERM_MODE } from '../src/index/terms.ts';
import { loadSnapshot, saveSnapshot } from '../src/index/snapshot.ts';
import { buildFingerprint } from '../src/index/version.ts';
import { segment } from '../src/text/segment.ts';
import type { Library } from '../src/library.ts';
import { createLibrary } from '../src/open.ts';
import { buildBaseline, indexedTexts, rawJiebaCut, type BaselineName } from './baselines.ts';
import { defaultCaseFiles, defaultCorpusDirs, evaluate, loadCaseFile, type AskCase, type SourcedCase } from './eval.ts';
import { latency, scoreAsk, summarizeAsk, utf8MB, type Latency, type Provenance } from './metrics.ts';
import { dayLaterCopies, DEFAULT_SEED, synthesize, writeCorpus, type SynthCorpus } from './synth.ts';
import { articleTerms, expectedTerms, fitHeaps, heapsCurve } from './heaps.ts';
import { vocabularyPlan, type VocabularyPlan } from './substitute.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The fixed query lists: every labelled /ask query plus broad ones (frequent words: long posting
// lists, the slow case), the people and topics a follower of the beat asks about.

const EXTRA_ASK = ['日美同盟', '美国', '特朗普', '台湾海峡和平稳定', '关税', '驻日美军', '日本首相', '中国', '防卫', '印太'];
export const WHO_QUERIES = ['石破茂', '岸田文雄', '拜登', '特朗普', '川普', '茂木敏充', 'Jens Stoltenberg', '安倍晋三', '布林肯', '林芳正', '高市早苗', '菅义伟'];
export const TIMELINE_QUERIES = ['TPP', '驻日美军经费', '温馨预算', '钓鱼岛', '四方会谈', 'AUKUS', '日美同盟', '关税', '北约', '台湾'];

export function askQueries(cases: readonly SourcedCase[]): string[] {
  const labelled = cases.flatMap((c) => (c.case.kind === 'ask' ? [c.case.query] : []));
  return [...new Set([...labelled, ...EXTRA_ASK])];
}

/** Runs each query once (warm-up), then `rounds` timed rounds, stopping early after `budgetMs`. */
export function timeQueries(run: (q: string) => unknown, queries: readonly string[], rounds: number, budgetMs: number): number[] {
  for (const q of queries) run(q);
  const ms: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      if (ms.length >= queries.length && performance.now() > deadline) return ms;
      const t0 = performance.now();
      run(q);
      ms.push(performance.now() - t0);
    }
  }
  return ms;
}

const peakRssMB = (): number => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

/** Memory after a phase: resident now, peak so far, JS heap in use (MB = 2^20 bytes here). */
export interface MemoryMark {
  phase: string;
  rssMB: number;
  peakRssMB: number;
  heapMB: number;
}

function mark(marks: MemoryMark[], phase: string): void {
  const m = process.memoryUsage();
  marks.push({ phase, rssMB: m.rss / 2 ** 20, peakRssMB: peakRssMB(), heapMB: m.heapUsed / 2 ** 20 });
}
const seconds = (t0: number): number => (performance.now() - t0) / 1000;

/** Progress lines on stderr: rewritten in place on a terminal, every 10% otherwise. */
export function progress(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  let lastAt = 0;
  return (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const now = Date.now();
    if (tty) {
      if (done !== total && now - lastAt < 250) return;
      lastAt = now;
      process.stderr.write(`\r${label} ${done}/${total} (${pct}%)${done === total ? '\n' : ''}`);
    } else if (Math.floor(pct / 10) !== Math.floor(lastPct / 10) || done === total) {
      if (pct === lastPct) return;
      process.stderr.write(`${label} ${done}/${total} (${pct}%)\n`);
    }
    lastPct = pct;
  };
}

// ---------------------------------------------------------------------------------------------
// Shared by the children: the real articles, the archive, the labelled cases.

interface CommonArgs {
  size: number;
  seed: number;
  corpus: string[];
  rounds: number;
}

async function realArticles(dirs: string[]): Promise<Article[]> {
  const corpus = await loadCorpus(dirs);
  if (corpus.articles.length === 0) throw new Error(`bench: no articles in ${dirs.join(', ')}`);
  return corpus.articles;
}

async function askCases(): Promise<SourcedCase[]> {
  return (await Promise.all((await defaultCaseFiles()).map(loadCaseFile))).flat();
}

/**
 * Text the synthesiser must leave verbatim: every labelled passage's text (so that its copies
 * still count as relevant) and every query of the benchmark (so that their terms keep their
 * frequencies).
 */
function keptText(cases: readonly SourcedCase[]): string[] {
  const labels = cases.flatMap(({ case: c }) =>
    c.kind === 'ask' ? [c.query, ...c.relevant.map((r) => r.contains)] : c.kind === 'who' ? [c.person, ...c.statements.map((x) => x.contains), ...c.not_statements.map((x) => x.contains)] : [c.topic, ...c.events.map((e) => e.contains)],
  );
  return [...labels, ...askQueries(cases), ...WHO_QUERIES, ...TIMELINE_QUERIES];
}

/** The archive every child of a size works on: the same real articles, seed and vocabulary plan give the same text. */
async function archiveOf(real: readonly Article[], args: CommonArgs): Promise<{ archive: SynthCorpus; plan: VocabularyPlan }> {
  const plan = vocabularyPlan(real, { keep: keptText(await askCases()) });
  return { archive: synthesize(real, { size: args.size, seed: args.seed, vocabulary: plan }), plan };
}

/** Takes the map, not the archive: the closure must not keep the synthesised articles alive. */
function provenanceOf(map: ReadonlyMap<string, string[]>): Provenance {
  return (file) => map.get(file) ?? [file];
}

/** success@5 (and the rest) of the labelled ask cases whose files are in the archive. */
function askQuality(search: (q: string) => { file: string; text: string }[], cases: readonly SourcedCase[], realFiles: ReadonlySet<string>, provenance: Provenance) {
  const scores = cases.flatMap((c) => {
    if (c.case.kind !== 'ask') return [];
    const relevant = (c.case as AskCase).relevant.filter((r) => realFiles.has(r.file));
    return relevant.length ? [scoreAsk(search(c.case.query), relevant, provenance)] : [];
  });
  return summarizeAsk(scores);
}

// ---------------------------------------------------------------------------------------------
// Child: build.

export interface BuildResult {
  articles: number;
  realArticles: number;
  passages: number;
  textMB: number;
  /** How many times each real paragraph occurs in the archive, on average. */
  paragraphRepeats: number;
  writeSeconds: number;
  loadFilesSeconds: number;
  loadFilesMBps: number;
  buildSeconds: number;
  buildMBps: number;
  snapshotBytes: number;
  snapshotSaveSeconds: number;
  fingerprintSeconds: number;
  /** Loading jieba's dictionaries (once per process, before the first cut): not in buildSeconds. */
  segmenterLoadSeconds: number;
  peakRssMB: number;
  memory: MemoryMark[];
  ask: Latency;
  who: Latency;
  timeline: Latency;
  quality: { cases: number; success1: number; success5: number; mrr10: number; recall10: number };
  /** Adding 100 new articles to the built index in place (update.ts), every answer then reflecting them. */
  incrementalAdd100Seconds: number;
  /** The retrieval stage's periods (one MiniSearch per year). */
  partitions: number;
}

async function childBuild(args: CommonArgs & { dir: string }): Promise<BuildResult> {
  const label = `[bench ${args.size}]`;
  const memory: MemoryMark[] = [];
  mark(memory, 'start');
  const real = await realArticles(args.corpus);
  // jieba is loaded before the synthesis (which cuts text): its load time measured alone.
  let t0 = performance.now();
  segment('日美同盟');
  const segmenterLoadSeconds = seconds(t0);
  mark(memory, 'jieba loaded');
  let archive: SynthCorpus | undefined = (await archiveOf(real, args)).archive;
  const realFiles = new Set(archive.articles.slice(0, archive.real).map((a) => a.file));
  const provenance = provenanceOf(archive.provenance);
  const realParagraphs = real.reduce((n, a) => n + articleParagraphs(a).length, 0);
  const corpusDir = join(args.dir, 'corpus');
  t0 = performance.now();
  await writeCorpus(archive.articles, corpusDir, progress(`${label} write`));
  const writeSeconds = seconds(t0);
  // From here on only what a user's process holds: the articles as loaded from the files (the
  // provenance map is kept: a few strings per article).
  archive = undefined;
  mark(memory, 'synthesised and written');

  t0 = performance.now();
  const corpus = await loadCorpus([corpusDir], { onProgress: progress(`${label} load files`) });
  const loadFilesSeconds = seconds(t0);
  mark(memory, 'files loaded');
  const articles = corpus.articles;
  const textMB = utf8MB(indexedTexts(articles));
  const paragraphs = articles.reduce((n, a) => n + articleParagraphs(a).length, 0);

  const phases = new Map<string, (done: number, total: number) => void>();
  const building = (phase: string, done: number, total: number): void => {
    let report = phases.get(phase);
    if (!report) phases.set(phase, (report = progress(`${label} ${phase}`)));
    report(done, total);
  };
  t0 = performance.now();
  const index = await buildIndex(articles, { onProgress: building });
  const buildSeconds = seconds(t0);
  mark(memory, 'index built');

  const snapshotPath = join(args.dir, 'index.snapshot');
  t0 = performance.now();
  const fingerprint = await buildFingerprint([corpusDir]);
  const fingerprintSeconds = seconds(t0);
  t0 = performance.now();
  await saveSnapshot(snapshotPath, index, fingerprint);
  const snapshotSaveSeconds = seconds(t0);
  const snapshotBytes = (await stat(snapshotPath)).size;
  mark(memory, 'snapshot saved');

  const library = createLibrary(index, corpus.skipped.length);
  const cases = await askCases();
  process.stderr.write(`${label} queries\n`);
  const budget = 60_000;
  const ask = latency(timeQueries((q) => library.ask(q), askQueries(cases), args.rounds, budget));
  const who = latency(timeQueries((q) => library.who(q), WHO_QUERIES, args.rounds, budget));
  const timeline = latency(timeQueries((q) => library.timeline(q), TIMELINE_QUERIES, args.rounds, budget));
  const report = evaluate(library, cases.filter((c) => c.case.kind === 'ask'), {
    hasFile: (f) => realFiles.has(f),
    provenance,
  });
  mark(memory, 'queries run');
  const q = report.ask.summary;
  // 100 new articles (copies of existing ones under new ids, published later) put in place.
  const fresh = dayLaterCopies(articles.slice(0, 100));
  t0 = performance.now();
  const updated = await updateIndex(index, { upsert: fresh, remove: [], order: [...articles, ...fresh].map((a) => a.id) });
  const incrementalAdd100Seconds = seconds(t0);
  if (updated.articles.length !== articles.length + fresh.length) throw new Error('bench: the incremental add did not add 100 articles');
  mark(memory, 'incremental add');
  return {
    articles: articles.length,
    realArticles: realFiles.size,
    passages: index.passages.length,
    textMB,
    paragraphRepeats: realParagraphs ? paragraphs / realParagraphs : 0,
    writeSeconds,
    loadFilesSeconds,
    loadFilesMBps: textMB / loadFilesSeconds,
    buildSeconds,
    buildMBps: textMB / buildSeconds,
    snapshotBytes,
    snapshotSaveSeconds,
    fingerprintSeconds,
    segmenterLoadSeconds,
    peakRssMB: peakRssMB(),
    memory,
    ask,
    who,
    timeline,
    quality: { cases: q.cases, success1: q.success1, success5: q.success5, mrr10: q.mrr10, recall10: q.recall10 },
    incrementalAdd100Seconds,
    partitions: updated.search.partitions().length,
  };
}

// ---------------------------------------------------------------------------------------------
// Child: load (a fresh start from the snapshot).

export interface LoadResult {
  fingerprintSeconds: number;
  snapshotLoadSeconds: number;
  /** Fingerprint + snapshot + library: what a start with a valid snapshot costs. */
  openSeconds: number;
  firstAskMs: number;
  /** Peak RSS of the start (open and a first answer), before the add below. */
  peakRssMB: number;
  /**
   * 100 new articles added to the library just opened from its snapshot, as a bot's first live update
   * after a restart: it has none of the per-article caches a build leaves behind. Seconds and the
   * process's peak RSS after it.
   */
  addAfterLoadSeconds: number;
  peakRssAfterAddMB: number;
}

async function childLoad(args: { dir: string }): Promise<LoadResult> {
  const corpusDir = join(args.dir, 'corpus');
  const t0 = performance.now();
  const fingerprint = await buildFingerprint([corpusDir]);
  const fingerprintSeconds = seconds(t0);
  const t1 = performance.now();
  const snap = await loadSnapshot(join(args.dir, 'index.snapshot'), fingerprint);
  const snapshotLoadSeconds = seconds(t1);
  if (!snap.ok) throw new Error(`bench: the snapshot did not load: ${snap.reason}`);
  const library: Library = createLibrary(snap.index, 0);
  const openSeconds = seconds(t0);
  const t2 = performance.now();
  library.ask('特朗普要求日本每年负担多少驻日美军经费？');
  const firstAskMs = performance.now() - t2;
  const startPeak = peakRssMB();
  const index = snap.index;
  // The same 100 copies as the build child's add (existing articles under new ids, a day later).
  const fresh = dayLaterCopies(index.articles.slice(0, 100));
  const t3 = performance.now();
  const updated = await updateIndex(index, { upsert: fresh, remove: [], order: [...index.articles, ...fresh].map((a) => a.id) });
  const addAfterLoadSeconds = seconds(t3);
  if (updated.articles.length !== index.articles.length + fresh.length) throw new Error('bench: the add after the snapshot load did not add 100 articles');
  return { fingerprintSeconds, snapshotLoadSeconds, openSeconds, firstAskMs, peakRssMB: startPeak, addAfterLoadSeconds, peakRssAfterAddMB: peakRssMB() };
}

// ---------------------------------------------------------------------------------------------
// Child: baselines, on the same archive (synthesised again: deterministic).

export interface EngineRow {
  buildSeconds: number;
  buildMBps: number;
  ask: Latency;
  success5: number;
  cases: number;
}

/** Heaps' law, V = K·N^β (bench/heaps.ts), of the real articles and of the archive made from them. */
export interface VocabularyReport {
  /** The archive's tokens and distinct terms (shiji's segmenter: folded words, stop words out). */
  tokens: number;
  terms: number;
  /** Fitted over the archive's growing prefixes, in archive order. */
  K: number;
  beta: number;
  /** The real articles' fit (publication order and shuffles pooled), and its extrapolation to the archive's tokens. */
  realArticles: number;
  realTokens: number;
  realTerms: number;
  realK: number;
  realBeta: number;
  expectedTerms: number;
}

/** One pass of the segmenter over the archive (streamed: no archive-sized list of terms is kept). */
function vocabularyOf(real: readonly Article[], archive: readonly Article[], plan: VocabularyPlan): VocabularyReport {
  const realFit = plan.curve;
  function* docs(): Generator<string[]> {
    for (const a of archive) yield articleTerms(a);
  }
  const curve = heapsCurve(docs());
  const last = curve.at(-1) ?? { tokens: 0, terms: 0 };
  const fit = curve.length >= 2 ? fitHeaps(curve) : { K: 0, beta: 0 };
  return {
    tokens: last.tokens,
    terms: last.terms,
    K: fit.K,
    beta: fit.beta,
    realArticles: real.length,
    realTokens: plan.realTokens,
    realTerms: plan.realTerms.size,
    realK: realFit.K,
    realBeta: realFit.beta,
    expectedTerms: expectedTerms(realFit, last.tokens),
  };
}

export interface BaselinesResult {
  textMB: number;
  vocabulary: VocabularyReport;
  rawJieba: { seconds: number; MBps: number; words: number };
  /** shiji's search index alone (passages → terms → MiniSearch and the forward index, words + bigrams) in one thread: no /who or /timeline extraction. */
  searchIndex: { seconds: number; MBps: number };
  engines: Record<BaselineName, EngineRow>;
}

async function childBaselines(args: CommonArgs): Promise<BaselinesResult> {
  const label = `[bench ${args.size}]`;
  const real = await realArticles(args.corpus);
  const { archive, plan } = await archiveOf(real, args);
  const articles = archive.articles;
  const passages = toPassages(articles);
  const texts = indexedTexts(articles);
  const textMB = utf8MB(texts);
  const realFiles = new Set(articles.slice(0, archive.real).map((a) => a.file));
  const provenance = provenanceOf(archive.provenance);
  const cases = await askCases();
  const queries = askQueries(cases);

  const cut = rawJiebaCut(texts, progress(`${label} raw jieba`));
  process.stderr.write(`${label} search index alone\n`);
  const t0 = performance.now();
  const engine = new SearchEngine();
  for (const rec of engine.fromChunk(articles, forwardPassages(articles, passages, DEFAULT_TERM_MODE))) engine.put(rec);
  engine.arrange(articles.map((a) => a.id));
  const searchSeconds = seconds(t0);
  const engines = {} as Record<BaselineName, EngineRow>;
  for (const name of ['minisearch-default', 'minisearch-intl'] as const) {
    const engine = buildBaseline(name, articles, passages, progress(`${label} ${name}`));
    const ask = latency(timeQueries((q) => engine.search(q, 10), queries, args.rounds, 60_000));
    const quality = askQuality((q) => engine.search(q, 10), cases, realFiles, provenance);
    engines[name] = { buildSeconds: engine.buildSeconds, buildMBps: textMB / engine.buildSeconds, ask, success5: quality.success5, cases: quality.cases };
  }
  process.stderr.write(`${label} vocabulary\n`);
  const vocabulary = vocabularyOf(real, articles, plan);
  return {
    textMB,
    vocabulary,
    rawJieba: { seconds: cut.seconds, MBps: textMB / cut.seconds, words: cut.words },
    searchIndex: { seconds: searchSeconds, MBps: textMB / searchSeconds },
    engines,
  };
}

// ---------------------------------------------------------------------------------------------
// Parent: run the children, put the figures together.

export interface SizeResult {
  articles: number;
  passages: number;
  textMB: number;
  buildSeconds: number;
  buildMBps: number;
  /** Raw nodejieba cut over the same text, same run (null when the baselines process failed). */
  segmentMBps: number | null;
  snapshotBytes: number;
  snapshotSaveSeconds: number;
  /** Null when the snapshot could not be loaded: see `errors`. */
  snapshotLoadSeconds: number | null;
  /** A start with a valid snapshot: fingerprint + load + library. */
  openSeconds: number | null;
  firstAskMs: number | null;
  loadFilesSeconds: number;
  /** Max of the build and load processes. */
  peakRssMB: number;
  buildPeakRssMB: number;
  loadPeakRssMB: number | null;
  ask: Latency;
  who: Latency;
  timeline: Latency;
  quality: BuildResult['quality'];
  incrementalAdd100Seconds: number;
  /** The same add to a library just opened from the snapshot (a bot's first update after a restart), and that process's peak RSS after it. */
  addAfterLoadSeconds: number | null;
  loadPeakRssAfterAddMB: number | null;
  partitions: number;
  paragraphRepeats: number;
  /** The archive's vocabulary against the real articles' Heaps curve (null when the baselines process failed). */
  vocabulary: VocabularyReport | null;
  fingerprintSeconds: number;
  segmenterLoadSeconds: number;
  /** The build process's memory after each phase. */
  memory: MemoryMark[];
  /** What failed in the load or baselines process of this size. */
  errors: string[];
}

interface Target {
  size: number;
  name: string;
  goal: string;
  measured: string;
  ok: boolean | null;
}

function runChild<T>(role: string, args: string[], heapMB: number | undefined): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const execArgv = [...process.execArgv, ...(heapMB ? [`--max-old-space-size=${heapMB}`] : [])];
    const child = fork(SCRIPT, ['--child', role, ...args], { execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    // A child's stdout would spoil --json: it goes to stderr.
    child.stdout?.pipe(process.stderr);
    let result: T | undefined;
    let error: string | undefined;
    child.on('message', (m: unknown) => {
      if (m && typeof m === 'object' && 'ok' in m) {
        if (m.ok && 'result' in m) result = m.result as T;
        else if ('error' in m) error = String(m.error);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== undefined) resolvePromise(result);
      else if (error) reject(new Error(`bench: the ${role} process failed: ${error}`));
      else reject(new Error(`bench: the ${role} process ended (${signal ? `signal ${signal}` : `exit code ${code}`}) before reporting; its stderr is above${signal === 'SIGKILL' || code === 134 ? ' (out of memory?)' : ''}`));
    });
  });
}

const f1 = (x: number | null): string => (x !== null && Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number | null): string => (x !== null && Number.isFinite(x) ? x.toFixed(2) : '—');
const ms = (l: Latency): string => `${f1(l.p50)} / ${f1(l.p95)} / ${f1(l.p99)}`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function targetsFor(sizes: readonly SizeResult[]): Target[] {
  const out: Target[] = [];
  const at = (n: number): SizeResult | undefined => sizes.find((s) => s.articles === n);
  const s10 = at(10_000);
  const s100 = at(100_000);
  const add = (size: number, s: SizeResult | undefined, name: string, goal: string, value: (s: SizeResult) => [string, boolean]): void => {
    if (!s) {
      out.push({ size, name, goal, measured: 'not run', ok: null });
      return;
    }
    const [measured, ok] = value(s);
    out.push({ size, name, goal, measured, ok });
  };
  add(10_000, s10, 'index build vs raw nodejieba', '≥ 20%', (s) =>
    s.segmentMBps === null ? ['baselines failed', false] : [`${pct(s.buildMBps / s.segmentMBps)} (${f2(s.buildMBps)} vs ${f2(s.segmentMBps)} MB/s)`, s.buildMBps / s.segmentMBps >= 0.2],
  );
  add(10_000, s10, 'ask p95', '≤ 25 ms', (s) => [`${f1(s.ask.p95)} ms`, s.ask.p95 <= 25]);
  add(10_000, s10, 'incremental add of 100 articles', '≤ 1 s', (s) => [`${f2(s.incrementalAdd100Seconds)} s`, s.incrementalAdd100Seconds <= 1]);
  const snapshot = (s: SizeResult): [string, boolean] =>
    s.snapshotLoadSeconds === null
      ? ['the snapshot did not load', false]
      : [`${f1(s.buildSeconds / s.snapshotLoadSeconds)}× (${f2(s.snapshotLoadSeconds)} s vs ${f2(s.buildSeconds)} s)`, s.buildSeconds / s.snapshotLoadSeconds >= 10];
  add(10_000, s10, 'snapshot load vs rebuild', '≥ 10× faster', snapshot);
  add(30_000, at(30_000), 'ask p95', '≤ 60 ms', (s) => [`${f1(s.ask.p95)} ms`, s.ask.p95 <= 60]);
  add(10_000, s10, 'peak RSS', '< 1 GB', (s) => [`${f1(s.peakRssMB)} MB`, s.peakRssMB < 1024]);
  add(100_000, s100, 'ask p95', '< 150 ms', (s) => [`${f1(s.ask.p95)} ms`, s.ask.p95 < 150]);
  add(100_000, s100, 'peak RSS', '< 4 GB', (s) => [`${f1(s.peakRssMB)} MB`, s.peakRssMB < 4096]);
  if (s100) add(100_000, s100, 'snapshot load vs rebuild (not a stated target)', '≥ 5× faster', snapshot);
  return out;
}

export interface BenchReport {
  generatedAt: string;
  machine: { nproc: number; cpu: string; totalMemGB: number; node: string; platform: string };
  options: { sizes: number[]; seed: number; rounds: number; corpus: string[] };
  sizes: SizeResult[];
  baselines: Record<string, BaselinesResult & { shiji: EngineRow }>;
  targets: Target[];
  /** Sizes whose build process failed: nothing else was measured for them. */
  failures: { size: number; error: string }[];
  seconds: number;
}

export function formatBench(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(`Machine: ${m.nproc} cores (${m.cpu}), ${f1(m.totalMemGB)} GB RAM, Node ${m.node}, ${m.platform}. Seed ${report.options.seed}, ${report.options.rounds} timed rounds.`, '');
  out.push('### shiji');
  out.push(
    mdTable(
      ['articles', 'passages', 'text MB', 'load files s', 'build s', 'build MB/s', 'jieba MB/s', 'snapshot MB', 'save s', 'load s', 'start s', 'peak RSS MB', 'ask p50/p95/p99 ms', 'who p50/p95/p99 ms', 'timeline p50/p95/p99 ms', 'success@5'],
      report.sizes.map((s) => [
        String(s.articles),
        String(s.passages),
        f1(s.textMB),
        f1(s.loadFilesSeconds),
        f1(s.buildSeconds),
        f2(s.buildMBps),
        f2(s.segmentMBps),
        f1(s.snapshotBytes / 1e6),
        f2(s.snapshotSaveSeconds),
        f2(s.snapshotLoadSeconds),
        f2(s.openSeconds),
        f1(s.peakRssMB),
        ms(s.ask),
        ms(s.who),
        ms(s.timeline),
        `${pct(s.quality.success5)} (${s.quality.cases})`,
      ]),
    ),
  );
  out.push('', "### Vocabulary (Heaps' law V = K·N^β, shiji's segmenter)");
  out.push(
    mdTable(
      ['articles', 'tokens N', 'distinct terms V', 'β of the archive', 'real articles: β (K)', 'K·N^β of the real fit', 'V / K·N^β'],
      report.sizes.map((s) => {
        const v = s.vocabulary;
        return v
          ? [String(s.articles), String(v.tokens), String(v.terms), v.beta.toFixed(3), `${v.realBeta.toFixed(3)} (${f2(v.realK)}, ${v.realArticles} articles)`, String(Math.round(v.expectedTerms)), v.expectedTerms ? f2(v.terms / v.expectedTerms) : '—']
          : [String(s.articles), '—', '—', '—', '—', '—', '—'];
      }),
    ),
  );
  out.push('', '### Updates (100 new articles)');
  out.push(
    mdTable(
      ['articles', 'add to the index just built s', 'add to a library just opened from the snapshot s', 'peak RSS of that process after it MB'],
      report.sizes.map((s) => [String(s.articles), f2(s.incrementalAdd100Seconds), f2(s.addAfterLoadSeconds), f1(s.loadPeakRssAfterAddMB)]),
    ),
  );
  out.push('', '### Baselines (same text, same run)');
  const rows: string[][] = [];
  for (const [size, b] of Object.entries(report.baselines)) {
    rows.push([size, 'raw nodejieba cut', f1(b.rawJieba.seconds), f2(b.rawJieba.MBps), '—', '—', '—']);
    rows.push([size, `shiji search index alone, 1 thread (${pct(b.searchIndex.MBps / b.rawJieba.MBps)} of raw jieba)`, f1(b.searchIndex.seconds), f2(b.searchIndex.MBps), '—', '—', '—']);
    const engines: [string, EngineRow][] = [['shiji', b.shiji], ['MiniSearch, default tokenizer', b.engines['minisearch-default']], ['MiniSearch, Intl.Segmenter', b.engines['minisearch-intl']]];
    for (const [name, e] of engines) rows.push([size, name, f1(e.buildSeconds), f2(e.buildMBps), f1(e.ask.p50), f1(e.ask.p95), `${pct(e.success5)} (${e.cases})`]);
  }
  out.push(mdTable(['articles', 'engine', 'build s', 'MB/s', 'ask p50 ms', 'ask p95 ms', 'success@5'], rows));
  for (const s of report.sizes) for (const e of s.errors) out.push('', `${s.articles} articles: ${e}`);
  for (const f of report.failures) out.push('', `${f.size} articles: ${f.error}`);
  out.push('', '### Targets');
  out.push(mdTable(['articles', 'target', 'goal', 'measured', ''], report.targets.map((t) => [String(t.size), t.name, t.goal, t.measured, t.ok === null ? '—' : t.ok ? 'pass' : 'FAIL'])));
  return out.join('\n');
}

async function parent(values: { sizes: string; json: boolean; rounds: string; seed: string; corpus: string[] | undefined; heap?: string | undefined; keep: boolean; out?: string | undefined; skipBaselines?: boolean }): Promise<void> {
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`bench: --sizes takes whole numbers, e.g. 1000,10000 (got ${values.sizes})`);
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  const heapMB = values.heap ? Number(values.heap) : undefined;
  const corpus = values.corpus?.length ? values.corpus.map((d) => resolve(d)) : defaultCorpusDirs();
  const common = ['--seed', String(seed), '--rounds', String(rounds), ...corpus.flatMap((d) => ['--corpus', d])];
  const started = performance.now();

  const results: SizeResult[] = [];
  const baselines: BenchReport['baselines'] = {};
  const failures: BenchReport['failures'] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), `shiji-bench-${size}-`));
    try {
      process.stderr.write(`[bench ${size}] working in ${dir}\n`);
      const errors: string[] = [];
      const attempt = async <T>(role: string, args: string[]): Promise<T | null> => {
        try {
          return await runChild<T>(role, args, heapMB);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          errors.push(message.split('\n')[0] ?? message);
          process.stderr.write(`${message}\n`);
          return null;
        }
      };
      const built = await attempt<BuildResult>('build', ['--size', String(size), '--dir', dir, ...common]);
      if (!built) {
        failures.push({ size, error: errors.join('; ') });
        continue;
      }
      process.stderr.write(`[bench ${size}] build ${f1(built.buildSeconds)} s, peak RSS ${f1(built.peakRssMB)} MB (load average ${loadavg().map(f1).join(' ')})\n`);
      const loaded = await attempt<LoadResult>('load', ['--dir', dir, ...common]);
      if (loaded) process.stderr.write(`[bench ${size}] snapshot load ${f2(loaded.snapshotLoadSeconds)} s (${f1(built.buildSeconds / loaded.snapshotLoadSeconds)}× faster than the build), peak RSS ${f1(loaded.peakRssMB)} MB (load average ${loadavg().map(f1).join(' ')})\n`);
      // --skip-baselines: build, load and queries only (quicker runs while working; the raw jieba ratio is then missing).
      const base = values.skipBaselines ? null : await attempt<BaselinesResult>('baselines', ['--size', String(size), ...common]);
      results.push({
        articles: built.articles,
        passages: built.passages,
        textMB: built.textMB,
        buildSeconds: built.buildSeconds,
        buildMBps: built.buildMBps,
        segmentMBps: base?.rawJieba.MBps ?? null,
        snapshotBytes: built.snapshotBytes,
        snapshotSaveSeconds: built.snapshotSaveSeconds,
        snapshotLoadSeconds: loaded?.snapshotLoadSeconds ?? null,
        openSeconds: loaded?.openSeconds ?? null,
        firstAskMs: loaded?.firstAskMs ?? null,
        loadFilesSeconds: built.loadFilesSeconds,
        peakRssMB: Math.max(built.peakRssMB, loaded?.peakRssMB ?? 0),
        buildPeakRssMB: built.peakRssMB,
        loadPeakRssMB: loaded?.peakRssMB ?? null,
        ask: built.ask,
        who: built.who,
        timeline: built.timeline,
        quality: built.quality,
        incrementalAdd100Seconds: built.incrementalAdd100Seconds,
        addAfterLoadSeconds: loaded?.addAfterLoadSeconds ?? null,
        loadPeakRssAfterAddMB: loaded?.peakRssAfterAddMB ?? null,
        partitions: built.partitions,
        paragraphRepeats: built.paragraphRepeats,
        vocabulary: base?.vocabulary ?? null,
        fingerprintSeconds: built.fingerprintSeconds,
        segmenterLoadSeconds: built.segmenterLoadSeconds,
        memory: built.memory,
        errors,
      });
      if (base) {
        baselines[String(built.articles)] = {
          ...base,
          shiji: { buildSeconds: built.buildSeconds, buildMBps: built.buildMBps, ask: built.ask, success5: built.quality.success5, cases: built.quality.cases },
        };
      }
    } finally {
      if (!values.keep) await rm(dir, { recursive: true, force: true });
    }
  }

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', totalMemGB: totalmem() / 2 ** 30, node: process.versions.node, platform: `${process.platform}-${process.arch}` },
    options: { sizes, seed, rounds, corpus },
    sizes: results,
    baselines,
    targets: targetsFor(results),
    failures,
    seconds: seconds(started),
  };
  const outPath = values.out ? resolve(values.out) : join(RESULTS_DIR, 'latest.json');
  await mkdir(join(outPath, '..'), { recursive: true });
  await writeFile(outPath, `${JSON.stringify(report, null, 2)}\n`);
  const text = `${formatBench(report)}\n\nWrote ${outPath} (${f1(report.seconds)} s).\n`;
  if (values.json) {
    process.stderr.write(text);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(text);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      corpus: { type: 'string', multiple: true },
      heap: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'skip-baselines': { type: 'boolean', default: false },
      out: { type: 'string' },
      // Internal: the role of a child process and its arguments.
      child: { type: 'string' },
      size: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('npm run bench -- [--sizes 1000,10000,100000] [--json] [--rounds 3] [--seed N] [--corpus DIR ...] [--heap MB] [--keep] [--out FILE] [--skip-baselines]\n');
    return;
  }
  if (values.child) {
    const common: CommonArgs = {
      size: Number(values.size ?? 0),
      seed: Number(values.seed),
      rounds: Number(values.rounds),
      corpus: values.corpus?.length ? values.corpus : defaultCorpusDirs(),
    };
    const dir = values.dir ?? '';
    try {
      const result =
        values.child === 'build' ? await childBuild({ ...common, dir }) : values.child === 'load' ? await childLoad({ dir }) : values.child === 'baselines' ? await childBaselines(common) : undefined;
      if (result === undefined) throw new Error(`unknown child role ${values.child}`);
      process.send?.({ ok: true, result }, () => process.exit(0));
    } catch (err) {
      process.send?.({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
    }
    return;
  }
  await parent({ ...values, corpus: values.corpus, skipBaselines: values['skip-baselines'] });
}

if (process.argv[1] && resolve(process.argv[1]) === SCRIPT) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
