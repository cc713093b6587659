// What a chunk worker costs in memory: RSS before it starts, while it works, after it ends (npx tsx bench/worker-probe.ts).
import { loadCorpus } from '../src/corpus/load.ts';
import { ChunkBuild } from '../src/index/chunks.ts';
import { AliasTable } from '../src/text/aliases.ts';
import { segment } from '../src/text/segment.ts';
import { defaultCorpusDirs } from './eval.ts';

const rss = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);
const out: Record<string, number> = { start: rss() };
const articles = (await loadCorpus(defaultCorpusDirs())).articles;
segment('预热');
out.mainJieba = rss();
const many = Array.from({ length: 20 }, (_, k) => articles.map((a) => ({ ...a, id: `${a.id}-${k}` }))).flat();
const build = new ChunkBuild(many, { termMode: 'words+bigrams', workers: Number(process.argv[2] ?? 1), onChunk: () => undefined });
await build.start(AliasTable.build(articles).toJSON()).finish();
out.afterWorkers = rss();
out.peak = Math.round(process.resourceUsage().maxRSS / 1024);
await new Promise((r) => setTimeout(r, 2000));
out.later = rss();
console.log(JSON.stringify(out));
