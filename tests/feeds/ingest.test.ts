import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { ingestFeed } from '../../src/feeds/ingest.ts';
import { NewsStore } from '../../src/feeds/store.ts';
import { atom, FeedServer, rss, seedItems, useFeedServer } from '../support/feed-server.ts';

const fixture = useFeedServer('shiji-feeds-');
const { root } = fixture;

let n = 0;
function fresh(): { dir: string; store: NewsStore } {
  const dir = join(root, `corpus-${n++}`);
  return { dir, store: NewsStore.open(':memory:') };
}
const txt = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('ingest: one pass over a feed', () => {
  it('writes each RSS item (full content:encoded HTML) once as an article the corpus loader reads back exactly', async () => {
    const items = seedItems();
    fixture.server.serve('/rss', rss(items, { full: true }));
    const { dir, store } = fresh();
    const first = await ingestFeed(fixture.server.url('/rss'), { dir, store });
    expect(first).toMatchObject({ status: 'ok', replaced: [], duplicates: 0, skipped: [] });
    expect(first.added).toHaveLength(items.length);
    const corpus = await loadCorpus(dir);
    expect(corpus.skipped).toEqual([]);
    const seeds = await loadCorpus(join(import.meta.dirname, '../../seeds'));
    for (const seed of seeds.articles) {
      const mine = corpus.articles.find((a) => a.url === seed.url);
      // Same title, link, date and text as the export the item came from: the full HTML, not the 60-character description.
      expect(mine).toMatchObject({ title: seed.title, publishedAt: seed.publishedAt, blocks: seed.blocks });
    }

    // The second poll is a conditional GET answered 304: nothing read, nothing written.
    const mtimes = txt(dir).map((f) => statSync(join(dir, f)).mtimeMs);
    const second = await ingestFeed(fixture.server.url('/rss'), { dir, store });
    expect(second).toMatchObject({ status: 'not-modified', added: [], replaced: [] });
    expect(fixture.server.notModified.get('/rss')).toBe(1);
    expect(txt(dir).map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(mtimes);
  }, 90_000);

  it('reads Atom entries into the same files as the RSS items of the same links', async () => {
    const items = seedItems();
    fixture.server.serve('/atom', atom(items), 'application/atom+xml');
    fixture.server.serve('/rss-plain', rss(items));
    const a = fresh();
    const b = fresh();
    expect((await ingestFeed(fixture.server.url('/atom'), a)).added).toHaveLength(items.length);
    expect((await ingestFeed(fixture.server.url('/rss-plain'), b)).added).toHaveLength(items.length);
    expect(txt(a.dir)).toEqual(txt(b.dir));
    for (const f of txt(a.dir)) expect(readFileSync(join(a.dir, f), 'utf8')).toBe(readFileSync(join(b.dir, f), 'utf8'));
  });

  it('replaces the file of an item updated upstream, and writes nothing when it has not changed', async () => {
    const items = seedItems().slice(0, 3);
    fixture.server.serve('/upd', rss(items));
    const { dir, store } = fresh();
    await ingestFeed(fixture.server.url('/upd'), { dir, store });
    const before = txt(dir);
    const edited = items.map((it, i) => (i === 1 ? { ...it, html: `${it.html}<p>更正：本文于发布后更新，补充了日本外务省的最新表态。</p>` } : it));
    fixture.server.serve('/upd', rss(edited));
    const report = await ingestFeed(fixture.server.url('/upd'), { dir, store });
    expect(report).toMatchObject({ status: 'ok', added: [], unchanged: 2, duplicates: 0 });
    expect(report.replaced).toHaveLength(1);
    expect(txt(dir)).toEqual(before);
    expect(readFileSync(report.replaced[0] as string, 'utf8')).toContain('补充了日本外务省的最新表态');
  });

  it('dedups by canonical link (tracking parameters, fragment) and by content (the same story under another URL)', async () => {
    const [one, two] = seedItems();
    if (!one || !two) throw new Error('seeds');
    const { dir, store } = fresh();
    fixture.server.serve('/dedup', rss([one]));
    await ingestFeed(fixture.server.url('/dedup'), { dir, store });
    const tracked = `${one.link}${one.link.includes('?') ? '&' : '?'}utm_source=newsletter&utm_medium=email&fbclid=IwAR0abc#top`;
    // The same wire story under another outlet's URL, reflowed, with a different footer.
    const reprint = { ...one, link: 'https://news.example.com/world/2020/11/11/biden-japan', html: one.html.replace(/<\/p>/g, '</p>\n').replace(/获取更多RSS[\s\S]*$/, '') };
    fixture.server.serve('/dedup', rss([{ ...one, link: tracked }, reprint, two]));
    const report = await ingestFeed(fixture.server.url('/dedup'), { dir, store });
    expect(report.added).toHaveLength(1);
    expect(report).toMatchObject({ unchanged: 1, duplicates: 1 });
    expect(txt(dir)).toHaveLength(2);
  });

  it('dedups the same wire story in the other script or with the other punctuation width (compared folded)', async () => {
    const [one, two, three] = seedItems();
    if (!one || !two || !three) throw new Error('seeds');
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    // Half-width punctuation where the original has full-width (and the reverse is the same class).
    const halfWidth = (html: string): string => html.replace(/，/g, ',').replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')');
    const { dir, store } = fresh();
    fixture.server.serve('/scripts', rss([one, two]));
    await ingestFeed(fixture.server.url('/scripts'), { dir, store });
    const traditional = { ...one, link: 'https://hk.example.com/a/1', title: toTraditional(one.title), html: toTraditional(one.html) };
    const punctuated = { ...two, link: 'https://tw.example.com/b/2', html: halfWidth(toTraditional(two.html)) };
    expect(traditional.html).not.toBe(one.html);
    fixture.server.serve('/scripts', rss([traditional, punctuated, three]));
    const report = await ingestFeed(fixture.server.url('/scripts'), { dir, store });
    // The third seed is another story: it is written; the two other tellings are not.
    expect(report).toMatchObject({ duplicates: 2 });
    expect(report.added).toHaveLength(1);
    expect(txt(dir)).toHaveLength(3);
  });

  it('dedups against the articles already in the folder (exports), not only what the feed reader wrote', async () => {
    const [one, two] = seedItems();
    if (!one || !two) throw new Error('seeds');
    const { dir, store } = fresh();
    mkdirSync(dir, { recursive: true });
    // An export of the story from another site, under its own URL and file name.
    const exported = readFileSync(join('seeds', '000_a2194fe5ab64c492.txt'), 'utf8').split('\n');
    exported[1] = `[${one.title}](https://mirror.example.net/story/42)`;
    writeFileSync(join(dir, 'export_42.txt'), exported.join('\n'));
    const reprint = { ...one, link: 'https://wire.example.org/2020/biden', html: OpenCC.Converter({ from: 'cn', to: 'hk' })(one.html) };
    fixture.server.serve('/exports', rss([reprint, two]));
    const report = await ingestFeed(fixture.server.url('/exports'), { dir, store });
    expect(report).toMatchObject({ duplicates: 1 });
    expect(report.added).toHaveLength(1);
    // The export removed by hand: the story is the feed's to write again.
    rmSync(join(dir, 'export_42.txt'));
    fixture.server.serve('/exports', rss([reprint, two, { ...two, link: 'https://wire.example.org/x' }]));
    const again = await ingestFeed(fixture.server.url('/exports'), { dir, store });
    expect(again.added).toHaveLength(1);
    expect(again.duplicates).toBe(1);
  });

  it('does not write again a feed file removed by hand while the feed still carries the item, across a restart', async () => {
    const [one, two, three] = seedItems();
    if (!one || !two || !three) throw new Error('seeds');
    const dir = join(root, `corpus-${n++}`);
    const dbPath = join(root, `removed-${n}.db`);
    let store = NewsStore.open(dbPath);
    fixture.server.serve('/removed', rss([one, two]));
    const first = await ingestFeed(fixture.server.url('/removed'), { dir, store });
    const gone = first.added[0] as string;
    rmSync(gone);
    store.close();
    // A restart: a new process opens the same database file.
    store = NewsStore.open(dbPath);
    fixture.server.serve('/removed', rss([one, two, three]));
    const report = await ingestFeed(fixture.server.url('/removed'), { dir, store });
    expect(report).toMatchObject({ removed: 1, unchanged: 1 });
    expect(report.added).toHaveLength(1);
    expect(existsSync(gone)).toBe(false);
    store.close();
    store = NewsStore.open(dbPath);
    fixture.server.serve('/removed', rss([three, two, one]));
    const later = await ingestFeed(fixture.server.url('/removed'), { dir, store });
    expect(later).toMatchObject({ removed: 1, unchanged: 2, added: [] });
    expect(existsSync(gone)).toBe(false);
    store.close();
  });

  it('leaves out items without a link or a date, saying which, and keeps the rest', async () => {
    const [one] = seedItems();
    if (!one) throw new Error('seeds');
    fixture.server.serve('/mixed', rss([one, { title: '无链接', publishedMs: Date.UTC(2025, 0, 1), html: '<p>没有链接的一条。</p>' }, { title: '无日期', link: 'https://example.org/x', html: '<p>没有日期的一条。</p>' }]));
    const { dir, store } = fresh();
    const report = await ingestFeed(fixture.server.url('/mixed'), { dir, store });
    expect(report.added).toHaveLength(1);
    expect(report.skipped).toEqual([expect.stringContaining('without a link'), expect.stringContaining('without a date: https://example.org/x')]);
  });
});

describe('ingest: encodings and formats', () => {
  it('decodes a GBK feed by its XML declaration (Chinese feeds still come in GB encodings)', async () => {
    const zhongwen = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GBK
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>t</title><item><title>'),
      zhongwen,
      Buffer.from('</title><link>https://news.example.org/gbk</link><pubDate>Mon, 01 Dec 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;'),
      zhongwen,
      zhongwen,
      Buffer.from('&lt;/p&gt;</description></item></channel></rss>'),
    ]);
    fixture.server.handle('/gbk', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
    const { dir, store } = fresh();
    const report = await ingestFeed(fixture.server.url('/gbk'), { dir, store });
    expect(report.added).toHaveLength(1);
    const [article] = (await loadCorpus(dir)).articles;
    expect(article).toMatchObject({ title: '中文', url: 'https://news.example.org/gbk' });
    expect(article?.lead ?? article?.blocks[0]?.text).toBe('中文中文');
  });

  it('reads an Atom entry whose content is plain text as text, not markup', async () => {
    const doc = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title><updated>2025-12-01T00:00:00Z</updated>
      <entry><id>e</id><title>文本</title><link href="https://news.example.org/text"/><updated>2025-12-01T00:00:00Z</updated><content type="text">外长说：&lt;b&gt;不是标记&lt;/b&gt;，这是原文。</content></entry></feed>`;
    fixture.server.serve('/atom-text', doc, 'application/atom+xml');
    const { dir, store } = fresh();
    expect((await ingestFeed(fixture.server.url('/atom-text'), { dir, store })).added).toHaveLength(1);
    const [article] = (await loadCorpus(dir)).articles;
    expect(article?.lead ?? article?.blocks[0]?.text).toBe('外长说：<b>不是标记</b>，这是原文。');
  });
});

describe('ingest: bad feeds', () => {
  const cases: Array<[string, RegExp]> = [
    ['/404', /HTTP 404/],
    ['/500', /HTTP 500/],
    ['/huge', /over the 10\.0 MB limit/],
    ['/invalid', /invalid XML/],
    ['/html', /an HTML page, not a feed/],
    ['/nolinks', /no usable item/],
    ['/loop-a', /redirect loop/],
    ['/to-file', /non-http\(s\) URL/],
  ];
  it.each(cases)('%s fails with one line naming the cause, writes nothing, and backs off', async (path, cause) => {
    const { dir, store } = fresh();
    const t0 = Date.now();
    const report = await ingestFeed(fixture.server.url(path), { dir, store, backoffBaseMs: 60_000 });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(cause);
    expect(report.error).not.toContain('\n');
    expect(report.retryAt).toBeGreaterThanOrEqual(t0 + 60_000);
    const again = await ingestFeed(fixture.server.url(path), { dir, store, backoffBaseMs: 60_000 });
    // The second failure in a row waits twice as long.
    expect((again.retryAt ?? 0) - Date.now()).toBeGreaterThan(110_000);
    expect(store.feed(fixture.server.url(path)).failures).toBe(2);
    expect(existsSync(dir) ? txt(dir) : []).toEqual([]);
  });

  it('an unreachable host and a non-http URL fail the same way', async () => {
    const { dir, store } = fresh();
    const closed = await FeedServer.start();
    const url = closed.url('/rss');
    await closed.close();
    expect((await ingestFeed(url, { dir, store })).error).toMatch(/unreachable: connection refused/);
    expect((await ingestFeed('ftp://127.0.0.1/feed.xml', { dir, store })).error).toMatch(/not an http\(s\) URL/);
  });

  it('a timeout ends a feed that never answers', async () => {
    fixture.server.handle('/silent', () => undefined);
    const { dir, store } = fresh();
    const report = await ingestFeed(fixture.server.url('/silent'), { dir, store, fetch: { timeoutMs: 300 } });
    expect(report.error).toMatch(/no complete answer within/);
  });
});
