/**
 * Where the bench's build child holds its memory: `npx tsx bench/mem-probe.ts DIR [--sample FILE] [--at PHASE]`.
 * Runs what bench.ts's build child runs on DIR/corpus (written by build-probe.ts), in the same
 * order — build, save, query rounds, add of 100 — and prints, per phase, RSS now and peak, the
 * JS heap (used / committed), external and array-buffer memory, and RSS sampled during the phase.
 * --sample FILE: a sampling heap profile (live objects by allocation stack) taken at the end of
 * phase --at (default "index built"), written to FILE and summarised by function (self, MB).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/index/index.ts';
import { saveSnapshot } from '../src/index/snapshot.ts';
import { updateIndex } from '../src/index/update.ts';
import { dayLaterCopies } from './synth.ts';
import { createLibrary } from '../src/open.ts';
import { segment } from '../src/text/segment.ts';
import { askQueries, TIMELINE_QUERIES, timeQueries, WHO_QUERIES } from './bench.ts';
import { defaultCaseFiles, loadCaseFile } from './eval.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sample: { type: 'string' }, at: { type: 'string', default: 'index built' } } });
const dir = positionals[0];
if (!dir) throw new Error('mem-probe: give a folder holding corpus/ (bench/build-probe.ts writes it)');
const MB = 2 ** 20;
const marks: Record<string, unknown>[] = [];
let phaseMaxRss = 0;
const sampler = setInterval(() => {
  phaseMaxRss = Math.max(phaseMaxRss, process.memoryUsage.rss());
}, 50);
let t = performance.now();
let cpu = process.cpuUsage();
const session = values.sample ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 16384 });
}

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
async function mark(phase: string): Promise<void> {
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  marks.push({
    phase,
    s: +((performance.now() - t) / 1000).toFixed(2),
    // CPU seconds of the whole process (worker threads included) in the phase: less load-dependent than wall time.
    cpu: +((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6).toFixed(2),
    rss: Math.round(m.rss / MB),
    phaseMaxRss: Math.round(Math.max(phaseMaxRss, m.rss) / MB),
    peak: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsed: Math.round(m.heapUsed / MB),
    heapCommitted: Math.round(h.total_physical_size / MB),
    external: Math.round(m.external / MB),
    arrayBuffers: Math.round(m.arrayBuffers / MB),
  });
  phaseMaxRss = 0;
  if (session && phase === values.at && values.sample) {
    // Garbage out first (node --expose-gc): the profile then holds live objects only.
    (globalThis as { gc?: () => void }).gc?.();
    const { profile } = (await session.post('HeapProfiler.getSamplingProfile')) as unknown as { profile: { head: Node } };
    writeFileSync(values.sample, JSON.stringify(profile));
    // Self size by function, and by function with its caller chain (3 deep).
    const self = new Map<string, number>();
    const chains = new Map<string, number>();
    const walk = (n: Node, stack: string[]): void => {
      const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\/(src|bench|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
      const s = [...stack, name];
      self.set(name, (self.get(name) ?? 0) + n.selfSize);
      const chain = s.slice(-3).join(' < ');
      chains.set(chain, (chains.get(chain) ?? 0) + n.selfSize);
      for (const c of n.children) walk(c, s);
    };
    walk(profile.head, []);
    process.stderr.write(`sampled total ${([...self.values()].reduce((a, b) => a + b, 0) / MB).toFixed(1)} MB\n`);
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / MB).toFixed(1).padStart(7)} ${k}`);
    process.stderr.write(`live heap sampled at "${phase}", by function:\n${top(self).join('\n')}\nby stack (innermost last):\n${top(chains).join('\n')}\n`);
  }
  t = performance.now();
  cpu = process.cpuUsage();
}

await mark('start');
segment('日美同盟');
await mark('jieba loaded');
const corpus = await loadCorpus([join(dir, 'corpus')]);
await mark('files loaded');
const index = await buildIndex(corpus.articles, {
  onProgress: (p) => {
    if (p !== 'index') void mark(`${p} starts`);
  },
});
await mark('index built');
await saveSnapshot(join(dir, 'mem-probe.snapshot'), index, 'mem-probe');
await mark('snapshot saved');
const library = createLibrary(index, 0);
const cases = (await Promise.all((await defaultCaseFiles()).map(loadCaseFile))).flat();
timeQueries((q) => library.ask(q), askQueries(cases), 3, 60_000);
timeQueries((q) => library.who(q), WHO_QUERIES, 3, 60_000);
timeQueries((q) => library.timeline(q), TIMELINE_QUERIES, 3, 60_000);
await mark('queries run');
const articles = corpus.articles;
const fresh = dayLaterCopies(articles.slice(0, 100));
const updated = await updateIndex(index, { upsert: fresh, remove: [], order: [...articles, ...fresh].map((a) => a.id) });
if (updated.articles.length !== articles.length + fresh.length) throw new Error('mem-probe: the add did not add 100 articles');
await mark('incremental add');
clearInterval(sampler);
console.log(JSON.stringify({ articles: articles.length, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
for (const m of marks) console.log(JSON.stringify(m));
