// Query latency on a kept bench archive (`npm run bench -- --sizes N --keep` prints its folder):
// loads the snapshot once, runs the bench's ask/who/timeline queries (node --cpu-prof to profile).
// npx tsx bench/query-probe.ts DIR [--kinds ask,who,timeline] [--rounds 3] [--stored-version]
// --stored-version: use the snapshot whatever code built it (to compare query code on one stored
// index; only valid while the snapshot's layout is unchanged).
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSnapshot } from '../src/index/snapshot.ts';
import { buildFingerprint } from '../src/index/version.ts';
import { createLibrary } from '../src/open.ts';
import { askQueries, timeQueries, TIMELINE_QUERIES, WHO_QUERIES } from './bench.ts';
import { defaultCaseFiles, loadCaseFile } from './eval.ts';
import { latency } from './metrics.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { kinds: { type: 'string', default: 'ask,who,timeline' }, rounds: { type: 'string', default: '3' }, 'stored-version': { type: 'boolean', default: false } } });
const dir = positionals[0];
if (!dir) throw new Error('query-probe: give the kept bench folder (it holds corpus/ and index.snapshot)');
async function storedFingerprint(path: string): Promise<string> {
  const file = await open(path, 'r');
  const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(1 << 16), position: 0 });
  await file.close();
  return (JSON.parse(buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] as string) as { fingerprint: string }).fingerprint;
}
const snapshotPath = join(dir, 'index.snapshot');
let t0 = performance.now();
const snap = await loadSnapshot(snapshotPath, values['stored-version'] ? await storedFingerprint(snapshotPath) : await buildFingerprint([join(dir, 'corpus')]));
if (!snap.ok) throw new Error(`query-probe: the snapshot did not load: ${snap.reason}`);
const loadSeconds = (performance.now() - t0) / 1000;
const library = createLibrary(snap.index, 0);
const cases = (await Promise.all((await defaultCaseFiles()).map(loadCaseFile))).flat();
const rounds = Number(values.rounds);
const out: Record<string, unknown> = { articles: snap.index.articles.length, loadSeconds, partitions: snap.index.search.partitions().length };
// CPU time of this process per query besides wall time: on a machine shared with other jobs (load
// average far above the cores) wall time measures the queue; CPU time is what the query costs
// (it includes V8's helper threads, e.g. concurrent GC, so it can exceed the wall time when idle).
const cpuMs: number[] = [];
const timed = (run: (q: string) => unknown) => (q: string) => {
  const c0 = process.cpuUsage();
  run(q);
  const c = process.cpuUsage(c0);
  cpuMs.push((c.user + c.system) / 1000);
};
for (const kind of values.kinds.split(',')) {
  t0 = performance.now();
  const queries = kind === 'ask' ? askQueries(cases) : kind === 'who' ? WHO_QUERIES : TIMELINE_QUERIES;
  const run = kind === 'ask' ? (q: string) => library.ask(q) : kind === 'who' ? (q: string) => library.who(q) : (q: string) => library.timeline(q);
  cpuMs.length = 0;
  const ms = timeQueries(timed(run), queries, rounds, 120_000);
  // The warm-up round is in cpuMs too: only the timed rounds' share (the last ms.length) counts.
  out[kind] = { ...latency(ms), cpu: latency(cpuMs.slice(-ms.length)), seconds: (performance.now() - t0) / 1000 };
}
// The slowest ask queries (one timed run each, after the rounds above): what a p95 is made of.
const each = askQueries(cases).map((q) => {
  const t = performance.now();
  library.ask(q);
  return { q, ms: Math.round((performance.now() - t) * 10) / 10 };
});
out.slowestAsk = each.sort((a, b) => b.ms - a.ms).slice(0, 8);
console.log(JSON.stringify(out));
