/**
 * Where a build's time and memory go: `npx tsx bench/build-probe.ts DIR [SIZE] [--workers N] [--save | --load]`.
 * Writes the bench's archive of SIZE articles (same seed and vocabulary as `npm run bench`) to
 * DIR/corpus once, then loads it and builds the index in this process, printing each phase's
 * seconds and memory as JSON (run with node --cpu-prof to profile, or --heapsnapshot-signal).
 * --save also saves the snapshot as DIR/probe.snapshot and loads it back; --load only loads it
 * (a fresh start's cost). --add then puts 100 new articles in place, as the bench's incrementalAdd100Seconds.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/index/index.ts';
import { loadSnapshot, saveSnapshot } from '../src/index/snapshot.ts';
import { segment } from '../src/text/segment.ts';
import { defaultCaseFiles, defaultCorpusDirs, loadCaseFile } from './eval.ts';
import { vocabularyPlan } from './substitute.ts';
import { dayLaterCopies, DEFAULT_SEED, synthesize, writeCorpus } from './synth.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string' }, save: { type: 'boolean', default: false }, add: { type: 'boolean', default: false }, load: { type: 'boolean', default: false } } });
const dir = positionals[0];
if (!dir) throw new Error('build-probe: give a folder (the archive is written to DIR/corpus once)');
const size = Number(positionals[1] ?? 10_000);
const corpusDir = join(dir, 'corpus');
const marks: Record<string, unknown>[] = [];
let t = performance.now();
const mark = (phase: string): void => {
  const m = process.memoryUsage();
  marks.push({ phase, s: +((performance.now() - t) / 1000).toFixed(2), rssMB: Math.round(m.rss / 2 ** 20), peakMB: Math.round(process.resourceUsage().maxRSS / 1024), heapMB: Math.round(m.heapUsed / 2 ** 20) });
  t = performance.now();
};

if (!existsSync(corpusDir)) {
  const { askQueries, WHO_QUERIES, TIMELINE_QUERIES } = await import('./bench.ts');
  const real = (await loadCorpus(defaultCorpusDirs())).articles;
  const cases = (await Promise.all((await defaultCaseFiles()).map(loadCaseFile))).flat();
  const keep = [
    ...cases.flatMap(({ case: c }) =>
      c.kind === 'ask' ? [c.query, ...c.relevant.map((r) => r.contains)] : c.kind === 'who' ? [c.person, ...c.statements.map((x) => x.contains), ...c.not_statements.map((x) => x.contains)] : [c.topic, ...c.events.map((e) => e.contains)],
    ),
    ...askQueries(cases),
    ...WHO_QUERIES,
    ...TIMELINE_QUERIES,
  ];
  const plan = vocabularyPlan(real, { keep });
  await writeCorpus(synthesize(real, { size, seed: DEFAULT_SEED, vocabulary: plan }).articles, corpusDir);
  console.log(JSON.stringify({ wrote: corpusDir }));
  process.exit(0);
}

mark('start');
if (values.load) {
  segment('日美同盟');
  mark('jieba loaded');
  const loaded = await loadSnapshot(join(dir, 'probe.snapshot'), 'probe');
  if (!loaded.ok) throw new Error(loaded.reason);
  mark('snapshot loaded');
  console.log(JSON.stringify({ articles: loaded.index.articles.length, rebuilt: loaded.rebuiltPartitions, marks }));
  process.exit(0);
}
const corpus = await loadCorpus([corpusDir]);
mark('files loaded');
segment('日美同盟');
mark('jieba loaded');
// RSS sampled during the build, with the phase it was in: where the peak is.
let phase = 'start';
const samples: { phase: string; rssMB: number; heapMB: number }[] = [];
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  samples.push({ phase, rssMB: Math.round(m.rss / 2 ** 20), heapMB: Math.round(m.heapUsed / 2 ** 20) });
}, 250);
const index = await buildIndex(corpus.articles, {
  ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
  onProgress: (p, done, total) => {
    phase = `${p} ${Math.floor((10 * done) / total) * 10}%`;
    // The steps after the chunks (synchronous: the sampler does not run during them) are marked as they start.
    if (p !== 'index') {
      (globalThis as { gc?: () => void }).gc?.();
      mark(`${p} starts`);
    }
  },
});
clearInterval(sampler);
mark('index built');
const peakOf = new Map<string, { rssMB: number; heapMB: number }>();
for (const s of samples) if ((peakOf.get(s.phase)?.rssMB ?? 0) < s.rssMB) peakOf.set(s.phase, s);
marks.push({ phase: 'build RSS peak per phase', ...Object.fromEntries([...peakOf].map(([k, v]) => [k, `${v.rssMB}/${v.heapMB}`])) });
if (values.add) {
  // As bench.ts: copies of the first 100 articles under new ids, published a day later.
  const fresh = dayLaterCopies(corpus.articles.slice(0, 100));
  const { updateIndex } = await import('../src/index/update.ts');
  // PROFILE_ADD=file.cpuprofile: a CPU profile of the update alone.
  const profile = process.env.PROFILE_ADD;
  const session = profile ? new (await import('node:inspector/promises')).Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  await updateIndex(index, { upsert: fresh, remove: [], order: [...corpus.articles, ...fresh].map((a) => a.id) });
  mark('100 added');
  if (session && profile) {
    const { profile: cpu } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(profile, JSON.stringify(cpu));
  }
}
if (values.save) {
  const path = join(dir, 'probe.snapshot');
  await saveSnapshot(path, index, 'probe');
  mark('snapshot saved');
  const loaded = await loadSnapshot(path, 'probe');
  if (!loaded.ok) throw new Error(loaded.reason);
  mark('snapshot loaded');
}
console.log(JSON.stringify({ articles: corpus.articles.length, marks }));
