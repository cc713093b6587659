// Where an update's time goes: build N articles, then put 100 new ones in place (node --cpu-prof to profile).
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/index/index.ts';
import { updateIndex } from '../src/index/update.ts';
import { synthesize } from './synth.ts';

const size = Number(process.argv[2] ?? 1000);
const real = (await loadCorpus(['seeds', '../shared/corpus'])).articles;
const { articles } = synthesize(real, { size, seed: 20240410 });
const index = await buildIndex(articles, { workers: 0 });
const fresh = articles.slice(0, 100).map((a, k) => ({ ...a, id: `${a.id}-new${k}`, file: `${a.id}-new${k}.txt` }));
const t = performance.now();
const next = await updateIndex(index, { upsert: fresh, remove: [], order: [...articles, ...fresh].map((a) => a.id) });
console.log(JSON.stringify({ size, addSeconds: (performance.now() - t) / 1000, articles: next?.articles.length }));
