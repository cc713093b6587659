import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize, writeCorpus } from '../../bench/synth.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { openLibrary } from '../../src/open.ts';
import { spawnBot, TEST_TOKEN, type Json } from '../support/bot.ts';
import { FakeDiscord } from '../support/fake-discord.ts';

/**
 * Load: the bot as `npm start` runs it (its own process, the answer worker, a 1,000-article
 * archive made from the seeds' paragraphs) against the stand-in, which enforces Discord's 3 s rule
 * (a late first response gets 10062). 350 /timeline at once, then one /ask every 200 ms: every
 * interaction must get its first response in time, and then an answer, a notice or "busy"; the
 * bot's event loop must stay responsive. Bounded by counts and the stand-in's deadlines, not by
 * how fast this (shared, 2-core) machine is.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = TEST_TOKEN;
const ARTICLES = 1000;
// Short articles keep the build modest; the load is in the number of requests.
const BLOCKS_PER_ARTICLE = 6;
const TIMELINES = 350;
const ASKS = 40;
const ASK_EVERY_MS = 200;


describe('the bot under a burst, at 1,000 articles', () => {
  let fake: FakeDiscord;
  let dir = '';
  let topics: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiji-load-'));
    const seeds = await loadCorpus([join(ROOT, 'seeds')]);
    const { articles } = synthesize(seeds.articles, { size: ARTICLES });
    await writeCorpus(articles.map((a) => ({ ...a, blocks: a.blocks.slice(0, BLOCKS_PER_ARTICLE) })), join(dir, 'corpus'));
    // The seeds' frequent topics recur throughout the archive made of their paragraphs.
    const { library } = await openLibrary({ corpusDirs: [join(ROOT, 'seeds')], indexPath: null });
    topics = library.topics('', 20);
    fake = await FakeDiscord.start({ token: TOKEN });
  }, 120_000);

  afterAll(async () => {
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives every interaction its first response within 3 s and then an answer or "busy", with the event loop free', async () => {
    const bot = spawnBot(
      ROOT,
      'tests/discord/fixtures/load-bot.ts',
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        CORPUS_DIR: join(dir, 'corpus'),
        INDEX_PATH: join(dir, 'index.snapshot'),
        LOG_LEVEL: 'info',
        // Ten seconds of queued work at most: the test's length does not depend on the machine's speed.
        LOAD_MAX_WAIT_MS: '10000',
      },
      { nodeArgs: process.env.LOAD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE}`] : [] },
    );
    const { child, until, exited } = bot;
    try {
      await until(() => bot.stdout().includes('"msg":"index loaded"') && bot.stdout().includes('connected to Discord'), 240_000, 'index');
      const loaded = JSON.parse(bot.stdout().split('\n').find((l) => l.includes('"msg":"index loaded"')) ?? '{}') as Json;
      expect(loaded.articles).toBe(ARTICLES);

      const sent: Array<{ token: string; command: string }> = [];
      for (let i = 0; i < TIMELINES; i++) {
        const user = fake.user(`16${String(i).padStart(17, '0')}`);
        const { token } = fake.interact(fake.chatInput('timeline', { topic: topics[i % topics.length] ?? '日本' }, user));
        sent.push({ token, command: 'timeline' });
      }
      for (let i = 0; i < ASKS; i++) {
        await new Promise((r) => setTimeout(r, ASK_EVERY_MS));
        const user = fake.user(`17${String(i).padStart(17, '0')}`);
        const { token } = fake.interact(fake.chatInput('ask', { question: `${topics[i % topics.length] ?? '日本'} 经费` }, user));
        sent.push({ token, command: 'ask' });
      }

      // Settled: acknowledged, not "thinking…", and something to read (the reply, or a follow-up).
      const settled = (token: string): boolean => {
        const o = fake.outcome(token);
        const readable = (m: Json | null): boolean => !!m && (String(m.content ?? '') !== '' || (Array.isArray(m.embeds) && m.embeds.length > 0));
        // Refused as late: settled too (and reported below), rather than waited for in vain.
        const late = fake.callsFor(token).some((c) => c.path.endsWith('/callback') && c.status === 404);
        return late || (o.acknowledged && !o.thinking && (readable(o.original) || o.followUps.some(readable)));
      };
      await until(() => sent.every((s) => settled(s.token)), 240_000, 'settled answers');

      // The stand-in refused no first response as late (10062) or duplicate (40060).
      const refused = fake.calls.filter((c) => c.path.endsWith('/callback') && c.status >= 400);
      expect(refused.map((c) => `${c.path.split('/')[2]} ${c.status}`)).toEqual([]);
      for (const s of sent) expect(fake.ackDelay(s.token), s.command).not.toBeNull();

      const kinds = { answered: 0, busy: 0, notice: 0 };
      for (const s of sent) {
        const o = fake.outcome(s.token);
        const text = JSON.stringify([o.original, ...o.followUps]);
        if (/busy answering|正忙着|正忙著/.test(text)) kinds.busy++;
        else if (o.original && Array.isArray(o.original.embeds) && o.original.embeds.length) kinds.answered++;
        else kinds.notice++;
      }
      // Some of the burst is answered, and a quick /ask is not starved behind slow timelines.
      expect(kinds.answered).toBeGreaterThan(0);
      const askAnswered = sent.filter((s) => s.command === 'ask' && !/busy answering|正忙/.test(JSON.stringify(fake.outcome(s.token)))).length;
      expect(askAnswered).toBeGreaterThan(0);

      child.kill('SIGUSR2');
      await until(() => bot.stderr().includes('"eventLoop"'), 10_000, 'event-loop report');
      const report = JSON.parse(bot.stderr().split('\n').find((l) => l.includes('"eventLoop"')) ?? '{}') as { eventLoop: { p99Ms: number; maxMs: number }; missedDeadlines: number };
      process.stdout.write(`load: ${JSON.stringify({ ...kinds, askAnswered, ...report })}\n`);
      expect(report.eventLoop.p99Ms).toBeLessThan(100);
      expect(report.missedDeadlines).toBe(0);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 600_000);
});
