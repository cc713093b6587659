import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startConsoleNews } from '../../src/cli/console-news.ts';
import { openLibrary } from '../../src/open.ts';
import { rss, type SeedItem, useFeedServer } from '../support/feed-server.ts';
import { SEEDS_DIR } from '../support/corpus.ts';

/** The console (no Discord token) follows FEEDS too: polled into the folder through library.update, one line per batch. */

const fixture = useFeedServer('shiji-console-news-');
const { root } = fixture;

const FISHING: SeedItem = {
  title: '冰岛与挪威达成渔业配额协议',
  link: 'https://news.example.org/2026/12/iceland',
  publishedMs: Date.UTC(2026, 11, 2, 8),
  html: '<p>冰岛与挪威周三就北大西洋鲭鱼渔业配额达成协议，冰岛渔业部长表示协议对双方渔民都有利。</p>',
};

describe('console live news', () => {
  it('polls FEEDS into the folder, says one line naming the new article, and /ask finds it', async () => {
    const dir = join(root, 'corpus');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const opened = openLibrary({ corpusDirs: [dir], indexPath: null }).then((o) => o.library);
    fixture.server.serve('/console', rss([FISHING]));
    const lines: string[] = [];
    const config = { feeds: [fixture.server.url('/console')], feedIntervalMinutes: 60, indexPath: join(root, 'cache', 'index.snapshot') };
    const news = startConsoleNews(config, [dir], opened, (l) => lines.push(l), { watch: false });
    expect(news).not.toBeNull();
    await news?.whenStarted();
    await news?.stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^1 new article from the feeds: 冰岛与挪威达成渔业配额协议$/);
    const library = await opened;
    expect(library.ask('冰岛 鲭鱼 渔业配额').results[0]?.text).toContain('鲭鱼');
    expect(existsSync(join(root, 'cache', 'shiji.db'))).toBe(true);
  }, 120_000);

  it('does nothing without FEEDS: no database, no line', () => {
    const lines: string[] = [];
    const indexPath = join(root, 'none', 'index.snapshot');
    const news = startConsoleNews({ feeds: [], feedIntervalMinutes: 10, indexPath }, [root], new Promise<never>(() => undefined), (l) => lines.push(l));
    expect(news).toBeNull();
    expect(lines).toEqual([]);
    expect(existsSync(join(root, 'none'))).toBe(false);
  });
});
