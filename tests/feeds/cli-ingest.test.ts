import { execFile } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../support/corpus.ts';
import { rss, seedItems, useFeedServer } from '../support/feed-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = useFeedServer('shiji-cli-ingest-');
const { root } = fixture;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, INDEX_PATH: join(root, 'cache', 'index.snapshot'), DISCORD_TOKEN: '', FEEDS: '' }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run cli -- ingest', () => {
  it('one pass writes the new articles to --corpus and exits 0; the next pass (304) writes nothing and exits 0; ask then finds them', async () => {
    const dir = join(root, 'corpus');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const [one] = seedItems();
    if (!one) throw new Error('seeds');
    const fresh = { title: '冰岛与挪威达成渔业配额协议', link: 'https://news.example.org/iceland', publishedMs: Date.UTC(2026, 11, 2), html: '<p>冰岛与挪威周三就北大西洋鲭鱼渔业配额达成协议。</p>' };
    // A seed is already in the folder (an export under its own file name): the feed's item of the same link is that article.
    fixture.server.serve('/cli', rss([one, fresh]));
    const first = await cli(['ingest', '--feed', fixture.server.url('/cli'), '--corpus', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(`feed ${fixture.server.url('/cli')}: 1 new, 0 updated, 0 unchanged, 1 duplicate`);
    expect(readdirSync(dir).filter((f) => f.startsWith('feed_'))).toHaveLength(1);
    const second = await cli(['ingest', '--feed', fixture.server.url('/cli'), '--corpus', dir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('not modified (304), nothing new');
    expect(readdirSync(dir).filter((f) => f.startsWith('feed_'))).toHaveLength(1);
    const ask = await cli(['ask', '冰岛 鲭鱼', '--corpus', dir, '--json']);
    expect(JSON.parse(ask.stdout).results[0].url).toBe('https://news.example.org/iceland');
  }, 180_000);

  it('a bad feed is one line naming the feed and its cause (exit 1); a good feed beside it is still read', async () => {
    const dir = join(root, 'corpus-bad');
    fixture.server.serve('/cli-good', rss(seedItems().slice(0, 1)));
    const r = await cli(['ingest', '--feed', fixture.server.url('/html'), '--feed', fixture.server.url('/cli-good'), '--corpus', dir]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes(fixture.server.url('/html')))).toEqual([`feed ${fixture.server.url('/html')}: failed: an HTML page, not a feed`]);
    expect(r.stderr).toContain(`feed ${fixture.server.url('/cli-good')}: 1 new`);
    expect(readdirSync(dir)).toHaveLength(1);
  }, 90_000);

  it('without --feed and FEEDS it says what to give', async () => {
    const r = await cli(['ingest']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/which feed\? Give --feed URL/);
  }, 90_000);
});
