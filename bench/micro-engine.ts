// Quick measure: the engine's build (MiniSearch add + forward index) on a synthetic archive, one thread.
import { loadCorpus } from '../src/corpus/load.ts';
import { SearchEngine } from '../src/index/engine.ts';
import { forwardPassages } from '../src/index/forward.ts';
import { toPassages } from '../src/index/passages.ts';
import { synthesize } from './synth.ts';

const size = Number(process.argv[2] ?? 1000);
const real = (await loadCorpus(['seeds', '../shared/corpus'])).articles;
const { articles } = synthesize(real, { size, seed: 20240410 });
let t = performance.now();
const chunk = forwardPassages(articles, toPassages(articles), 'words+bigrams');
const fwd = (performance.now() - t) / 1000;
const engine = new SearchEngine();
t = performance.now();
for (const rec of engine.fromChunk(articles, chunk)) engine.put(rec);
engine.arrange(articles.map((a) => a.id));
const add = (performance.now() - t) / 1000;
t = performance.now();
const n = 50;
for (let i = 0; i < n; i++) engine.search([{ term: '美军', weight: 1 }, { term: '经费', weight: 1 }, { term: '\u0001驻日', weight: 0.4 }], 150);
console.log(JSON.stringify({ size, forwardSeconds: fwd, engineAddSeconds: add, searchMs: (performance.now() - t) / n, partitions: engine.partitions().length, heapMB: process.memoryUsage().heapUsed / 1e6 }));
