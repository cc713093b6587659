import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/discord/bot.ts';
import { createNews, type News } from '../../src/discord/news.ts';
import { NewsStore, SCHEMA_VERSION } from '../../src/feeds/store.ts';
import type { LiveLibrary } from '../../src/library.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary } from '../../src/open.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { FakeDiscord, type RecordedCall } from '../support/fake-discord.ts';
import { FeedServer, rss, type SeedItem } from '../support/feed-server.ts';

/**
 * /follow end to end: the real discord.js client against the stand-in Discord, a feed on
 * 127.0.0.1, the real library and the news database in a file. A new article on a followed topic
 * is posted once to the channel, escaped and pinging nobody; an article on another topic is not;
 * and after a restart over the same database nothing is posted again.
 */

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
type Json = Record<string, unknown>;

const root = mkdtempSync(join(tmpdir(), 'shiji-follow-'));
const dir = join(root, 'corpus');
const indexPath = join(root, 'cache', 'index.snapshot');
let fake: FakeDiscord;
let feeds: FeedServer;
let library: LiveLibrary;

const ALLIANCE: SeedItem = {
  title: '日美防长会谈 *强化* 日美同盟 @everyone',
  link: 'https://news.example.org/2026/12/alliance?utm_campaign=x',
  publishedMs: Date.UTC(2026, 11, 1, 6),
  html: '<p>2026年11月30日，日本防卫大臣与美国国防部长在东京举行会谈，双方确认进一步强化日美同盟的威慑力，并就驻日美军整编交换了意见。</p><p>双方还同意在明年举行新一轮外长防长“2+2”会谈。</p>',
};
const ICELAND: SeedItem = {
  title: '冰岛与挪威达成渔业配额协议',
  link: 'https://news.example.org/2026/12/iceland',
  publishedMs: Date.UTC(2026, 11, 2, 8),
  html: '<p>冰岛与挪威周三就北大西洋鲭鱼渔业配额达成协议，冰岛渔业部长表示协议对双方渔民都有利。</p>',
};

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN });
  feeds = await FeedServer.start();
  cpSync(SEEDS_DIR, dir, { recursive: true });
  ({ library } = await openLibrary({ corpusDirs: [dir], indexPath: null }));
});
afterAll(async () => {
  await feeds.close();
  rmSync(root, { recursive: true, force: true });
});

async function boot(): Promise<{ bot: Bot; news: News }> {
  const config = { feeds: [feeds.url('/news')], feedIntervalMinutes: 60 };
  const news = createNews(config, library, createLogger('silent'), { corpusDirs: [dir], indexPath, watch: false });
  if (!news) throw new Error('the news database did not open');
  const bot = await startBot({ discord: { token: TOKEN, clientId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl } }, library, createLogger('silent'), {
    handleSignals: false,
    follows: news.follows,
    services: [news],
  });
  await bot.ready;
  news.start(bot);
  // The first poll (of the feed as it is now) is over before the test changes the feed.
  await news.whenStarted();
  return { bot, news };
}

/** Runs a slash command with a channel option (type 7, resolved as Discord sends it) and returns the reply's body. */
async function run(name: string, options: Record<string, string>, channel: string | null, user = '2000000000000000001'): Promise<Json> {
  const payload = fake.chatInput(name, options, fake.user(user, 'mod'), 'en-US');
  const data = payload.data as Json;
  if (channel) {
    (data.options as Json[]).push({ name: 'channel', type: 7, value: channel });
    data.resolved = { channels: { [channel]: { id: channel, type: 0, name: 'news', permissions: '1071698660929', parent_id: null } } };
  }
  const sent = fake.interact(payload);
  const reply = await fake.waitFor((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`, 10_000, `the reply to /${name}`);
  return ((reply.body as Json).data ?? {}) as Json;
}

const posts = (): RecordedCall[] => fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${fake.channelId}/messages`);

describe('/follow posts each new article on a topic once', () => {
  it('posts the new article on the topic (escaped, no pings), not the other one, and never again after a restart', async () => {
    feeds.serve('/news', rss([]));
    const first = await boot();
    const followed = await run('follow', { topic: '日美同盟' }, fake.channelId);
    expect(followed.flags).toBe(64 | 4);
    expect(String(followed.content)).toContain('Following **日美同盟**');
    // The seeds tell of the alliance: nothing to warn about.
    expect(String(followed.content)).not.toContain('No article on this topic yet');
    // A topic no article tells of yet: accepted, and the reply says so (asked of the answerer, not the main thread's library).
    // (Another moderator: the per-user cooldown holds the first one's next /follow.)
    const early = await run('follow', { topic: '北大西洋鲭鱼' }, fake.channelId, '2000000000000000002');
    expect(String(early.content)).toContain('Following **北大西洋鲭鱼**');
    expect(String(early.content)).toContain('No article on this topic yet; new ones will be posted.');
    expect(String((await run('unfollow', { topic: '北大西洋鲭鱼' }, null, '2000000000000000002')).content)).toContain('Stopped following **北大西洋鲭鱼**');
    expect(String((await run('following', {}, null)).content)).toContain(`**日美同盟** → <#${fake.channelId}>`);

    feeds.serve('/news', rss([ALLIANCE, ICELAND]));
    const pass = await first.news.pass();
    expect(pass?.added).toHaveLength(2);
    expect(posts()).toHaveLength(1);
    const body = posts()[0]?.body as Json;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = (body.embeds as Json[])[0] as Json;
    const description = String(embed.description);
    expect(description).toContain('(https://news.example.org/2026/12/alliance)');
    expect(description).toContain('强化日美同盟的威慑力');
    expect(description).toMatch(/<t:\d+:D>/);
    expect(String(embed.title)).toContain('\\*强化\\*');
    expect(JSON.stringify(body)).not.toMatch(/(?<!\u200b)@everyone/);
    expect(JSON.stringify(body)).not.toContain('冰岛');

    // Polled again: nothing new, nothing posted.
    await first.news.pass();
    expect(posts()).toHaveLength(1);
    await first.bot.stop();

    // A restart over the same database: the subscription is still there; the article removed by
    // hand is not written again by the feed (tombstone), and put back by hand it is not posted a second time.
    const store = NewsStore.open(join(root, 'cache', 'shiji.db'));
    expect(store.version).toBe(SCHEMA_VERSION);
    expect(store.follows().map((f) => f.topic)).toEqual(['日美同盟']);
    store.close();
    const second = await boot();
    const written = pass?.added.find((p) => p.endsWith('.txt') && library.article(p.split('/').pop() as string)?.title.includes('日美')) as string;
    const kept = readFileSync(written, 'utf8');
    unlinkSync(written);
    feeds.serve('/news', rss([ICELAND, ALLIANCE]));
    const again = await second.news.pass();
    expect(again?.added).toEqual([]);
    expect(again?.feeds[0]).toMatchObject({ removed: 1 });
    expect(existsSync(written)).toBe(false);
    writeFileSync(written, kept);
    const back = await second.news.pass();
    expect(back?.added).toEqual([written]);
    expect(posts()).toHaveLength(1);

    expect(String((await run('unfollow', { topic: '日美同盟' }, null)).content)).toContain('Stopped following **日美同盟**');
    expect(String((await run('following', {}, null)).content)).toContain('No channel of this server follows a topic');
    await second.bot.stop();
  }, 180_000);
});
