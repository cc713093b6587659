import { cpSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveNews } from '../../src/feeds/live.ts';
import { NewsStore } from '../../src/feeds/store.ts';
import type { LiveLibrary } from '../../src/library.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary } from '../../src/open.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { rss, useFeedServer } from '../support/feed-server.ts';

const fixture = useFeedServer('shiji-live-');
const { root } = fixture;

const ICELAND = {
  title: '冰岛与挪威达成渔业配额协议',
  link: 'https://news.example.org/2026/12/iceland-norway-fish?utm_source=rss',
  publishedMs: Date.UTC(2026, 11, 2, 8),
  html: '<p>冰岛与挪威周三就北大西洋鲭鱼渔业配额达成协议，冰岛渔业部长表示协议对双方渔民都有利。</p><p>根据协议，两国将在未来五年内共同管理鲭鱼资源。</p>',
};

/** Polls `check` until it holds, up to `deadlineMs`: bounded by a deadline, not a tight timing. */
async function eventually(check: () => boolean, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finds = (library: LiveLibrary, query: string, file: string): boolean => library.ask(query).results.some((h) => h.file === file);

describe('live news: feeds and the corpus folder reach the library without a restart', () => {
  it('answers over a new feed article right after a pass; a bad feed in the list is logged, backed off, and stops nothing', async () => {
    const dir = join(root, 'corpus-a');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null });
    expect(library.ask('冰岛 鲭鱼 渔业配额').results.some((h) => h.text.includes('鲭鱼'))).toBe(false);
    fixture.server.serve('/live', rss([ICELAND]));
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (l: string) => void lines.push(l) } });
    const added: string[][] = [];
    const live = new LiveNews({
      library,
      corpusDirs: [dir],
      feeds: [fixture.server.url('/500'), fixture.server.url('/live')],
      intervalMs: 60_000,
      store: NewsStore.open(':memory:'),
      logger,
      watch: false,
      onAdded: async (_lib, files) => void added.push(files),
    });
    const pass = await live.pass();
    expect(pass.update).toMatchObject({ added: 1, replaced: 0, removed: 0 });
    const hit = library.ask('冰岛 鲭鱼 渔业配额').results[0];
    expect(hit?.text).toContain('鲭鱼');
    expect(hit?.url).toBe('https://news.example.org/2026/12/iceland-norway-fish');
    expect(added).toEqual([[hit?.file]]);
    // One line for the bad feed, naming it and the cause.
    const bad = lines.filter((l) => l.includes('/500'));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/failed: HTTP 500/);

    // The next pass: the bad feed is waiting out its backoff (not fetched), the good one answers 304.
    const hits500 = fixture.server.hits.get('/500');
    const again = await live.pass();
    expect(again.update).toBeNull();
    expect(fixture.server.hits.get('/500')).toBe(hits500);
    expect(fixture.server.notModified.get('/live')).toBe(1);
    await live.stop();
  }, 120_000);

  it('follows files added, changed and removed by hand in the corpus folder (watched, debounced)', async () => {
    const dir = join(root, 'corpus-b');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null });
    const live = new LiveNews({ library, corpusDirs: [dir], feeds: [], intervalMs: 3_600_000, store: NewsStore.open(':memory:'), logger: createLogger('silent'), debounceMs: 200 });
    live.start();
    await live.ready();
    const file = '900_hand.txt';
    writeFileSync(join(dir, file), `<!--${ICELAND.publishedMs}-->\n[${ICELAND.title}](https://example.org/hand)\n------\n${ICELAND.html}\n`);
    await eventually(() => finds(library, '冰岛 鲭鱼', file));
    writeFileSync(join(dir, file), `<!--${ICELAND.publishedMs}-->\n[格陵兰渔业](https://example.org/hand)\n------\n<p>格陵兰北极虾捕捞季提前结束，当地渔民协会表示不满。</p>\n`);
    await eventually(() => finds(library, '格陵兰 北极虾', file) && !finds(library, '冰岛 鲭鱼', file));
    unlinkSync(join(dir, file));
    await eventually(() => !finds(library, '格陵兰 北极虾', file));
    await live.stop();
  }, 240_000);

  it('a pass also picks up hand edits the watcher did not report (content check)', async () => {
    const dir = join(root, 'corpus-c');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null });
    const live = new LiveNews({ library, corpusDirs: [dir], feeds: [], intervalMs: 3_600_000, store: NewsStore.open(':memory:'), logger: createLogger('silent'), watch: false });
    expect((await live.pass()).changed).toEqual([]);
    writeFileSync(join(dir, '901_hand.txt'), `<!--${ICELAND.publishedMs}-->\n[${ICELAND.title}](https://example.org/hand2)\n------\n${ICELAND.html}\n`);
    const pass = await live.pass();
    expect(pass.added).toEqual([join(dir, '901_hand.txt')]);
    expect(finds(library, '冰岛 鲭鱼', '901_hand.txt')).toBe(true);
    await live.stop();
  }, 120_000);
});
