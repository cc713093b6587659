/**
 * Live-news latency: from a new item on a feed to an answer that cites it, over an archive of
 * --size articles (default: the seeds and the shared corpus). The poll itself is triggered here
 * (the bot waits up to FEED_INTERVAL for it): what is measured is the pass — conditional GET,
 * parse, article file written, library.update — and the /ask that then finds the article.
 *
 *   npx tsx bench/feeds.ts [--size 10000] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/load.ts';
import { LiveNews } from '../src/feeds/live.ts';
import { NewsStore } from '../src/feeds/store.ts';
import { createLogger } from '../src/log.ts';
import { openLibrary } from '../src/open.ts';
import { synthesize, writeCorpus } from './synth.ts';

const { values } = parseArgs({ options: { size: { type: 'string' }, runs: { type: 'string', default: '3' } } });
const ROOT = new URL('../', import.meta.url).pathname;
const real = (await loadCorpus([join(ROOT, 'seeds'), join(ROOT, '../shared/corpus')])).articles;
const size = values.size ? Number(values.size) : real.length;
const runs = Number(values.runs);

const dir = await mkdtemp(join(tmpdir(), 'shiji-bench-feeds-'));
const { articles } = synthesize(real, { size });
await writeCorpus(articles, dir);
let t = performance.now();
// Updates that fell back to a rebuild (the new article taught jieba other names) are counted apart.
let rebuilds = 0;
const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null, log: (line) => void (/rebuilding/.test(line) && rebuilds++) });
const rebuildsAtOpen = rebuilds;
const openSeconds = (performance.now() - t) / 1000;

// The feed: one RSS document, replaced for each run (new ETag each time).
let feed = rss([]);
const server = createServer((req, res) => {
  const etag = `"${feed.length}-${feed.slice(-40).replace(/\W/g, '')}"`;
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(feed);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss`;

const live = new LiveNews({ library, corpusDirs: [dir], feeds: [url], intervalMs: 600_000, store: NewsStore.open(':memory:'), logger: createLogger('silent'), watch: false });
await live.pass();

// Words that occur in no real article, so the answer can only cite the new one.
const WORDS = ['冰岛鲭鱼配额', '格陵兰北极虾', '法罗群岛鲱鱼', '斯瓦尔巴鳕鱼', '扬马延毛鳞鱼'];
const items: Array<{ title: string; link: string; ms: number; html: string }> = [];
const samples: Array<{ passMs: number; updateMs: number; askMs: number; totalMs: number }> = [];
for (let i = 0; i < runs; i++) {
  const word = WORDS[i % WORDS.length] as string;
  items.push({
    title: `${word}谈判取得进展 ${i}`,
    link: `https://news.example.org/bench/${Date.now()}-${i}`,
    ms: Date.UTC(2026, 11, 1 + i),
    html: `<p>有关${word}的谈判周三在雷克雅未克取得进展，各方同意在下月再次会谈。</p><p>渔业部长表示，${word}问题关系到沿岸社区的生计。</p>`,
  });
  feed = rss(items);
  const t0 = performance.now();
  const pass = await live.pass();
  const t1 = performance.now();
  const hit = library.ask(word).results.find((h) => h.url === items[i]?.link);
  const t2 = performance.now();
  if (!hit || pass.added.length !== 1) throw new Error(`bench: run ${i}: the new article was not answered (${pass.added.length} added)`);
  samples.push({ passMs: t1 - t0, updateMs: (pass.update?.seconds ?? 0) * 1000, askMs: t2 - t1, totalMs: t2 - t0 });
}
await live.stop();
server.close();
await rm(dir, { recursive: true, force: true });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const result = {
  articles: size,
  runs,
  openSeconds: Number(openSeconds.toFixed(2)),
  medianMs: {
    newItemToAnswer: Math.round(median(samples.map((s) => s.totalMs))),
    libraryUpdate: Math.round(median(samples.map((s) => s.updateMs))),
    fetchParseWrite: Math.round(median(samples.map((s) => s.passMs - s.updateMs))),
    ask: Math.round(median(samples.map((s) => s.askMs))),
  },
  perRunMs: samples.map((s) => ({ total: Math.round(s.totalMs), update: Math.round(s.updateMs) })),
  updatesThatRebuilt: rebuilds - rebuildsAtOpen,
  note: 'plus up to FEED_INTERVAL waiting for the poll; libraryUpdate is open.ts update() (in place; a rebuild when the new article teaches jieba other names)',
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

function rss(list: ReadonlyArray<{ title: string; link: string; ms: number; html: string }>): string {
  const body = list.map((it) => `<item><title>${it.title}</title><link>${it.link}</link><pubDate>${new Date(it.ms).toUTCString()}</pubDate><description><![CDATA[${it.html}]]></description></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title><link>https://news.example.org/</link><description>bench</description>${body}</channel></rss>`;
}
