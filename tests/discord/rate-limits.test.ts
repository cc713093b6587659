import { RESTEvents, type RateLimitData } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/discord/bot.ts';
import { memoryLog, startSeedsBot, type Json } from '../support/bot.ts';
import type { FakeDiscord, RecordedCall } from '../support/fake-discord.ts';

/**
 * Discord's 429s, sent by the stand-in with its real headers (Retry-After, X-RateLimit-Global or a
 * route bucket with Remaining 0 and Reset-After): the bot waits them out, logs the waits at most
 * once a second however many requests wait, and every user still gets the answer. Without any
 * 429, a burst of interaction responses is never held back by discord.js's own global limit
 * (Discord exempts interaction endpoints from it). Bounded by counts and deadlines, not timings.
 */

// Longer than the bot's wait for a direct reply: every answer is deferred, then edited.
const SLOW_MS = 1300;
// More than discord.js's default global limit (50 requests a second), sent at once.
const BURST = 60;



const readable = (m: Json | null): boolean => !!m && Array.isArray(m.embeds) && m.embeds.length > 0;

describe('the bot under Discord rate limits', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  const log = memoryLog();
  const waits: RateLimitData[] = [];
  let userSeq = 0;

  beforeAll(async () => {
    ({ fake, bot } = await startSeedsBot({ slowMs: SLOW_MS, log: log.stream, maxQueue: 1000, onStart: (b) => b.client.rest.on(RESTEvents.RateLimited, (info) => waits.push(info)) }));
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  async function settle(tokens: string[], deadlineMs: number): Promise<void> {
    const settled = (token: string): boolean => {
      const o = fake.outcome(token);
      return o.acknowledged && !o.thinking && (readable(o.original) || o.followUps.some(readable));
    };
    const t0 = Date.now();
    while (!tokens.every(settled) && Date.now() - t0 < deadlineMs) await new Promise((r) => setTimeout(r, 100));
  }

  it('is not held back by the client-side global limit: a burst of responses above 50 a second waits for nothing', async () => {
    const payloads = Array.from({ length: BURST }, () => fake.chatInput('ask', { question: '驻日美军经费' }, fake.user(`17${String(userSeq++).padStart(17, '0')}`)));
    const before = waits.length;
    for (const p of payloads) fake.interact(p);
    const tokens = payloads.map((p) => String(p.token));
    await settle(tokens, 60_000);

    for (const token of tokens) {
      const o = fake.outcome(token);
      expect(o.thinking).toBe(false);
      expect(readable(o.original), JSON.stringify(o)).toBe(true);
    }
    // 2 × BURST interaction requests (callback, edit), and discord.js never queued one of them.
    const sent = fake.calls.filter((c) => tokens.some((t) => c.path.includes(`/${t}/`)));
    expect(sent.length).toBeGreaterThanOrEqual(2 * BURST);
    expect(waits.slice(before)).toEqual([]);
    expect(bot?.metrics.missedDeadlines).toBe(0);
  }, 90_000);

  it('waits out global and per-route 429s, logs the waits at most once a second, and still answers every user', async () => {
    const n = 40;
    const payloads = Array.from({ length: n }, () => fake.chatInput('ask', { question: '驻日美军经费' }, fake.user(`17${String(userSeq++).padStart(17, '0')}`)));
    const tokens = payloads.map((p) => String(p.token));
    const isEdit = (c: RecordedCall) => c.method === 'PATCH' && tokens.some((t) => c.path.includes(`/${t}/`));
    // The first edits hit the bot's global limit (every request then waits), the next ones their route's bucket.
    fake.rateLimit(isEdit, { retryAfterMs: 1000, global: true }, 2);
    fake.rateLimit(isEdit, { retryAfterMs: 800 }, 25);
    const before = waits.length;
    const firstLine = log.lines().length;
    for (const p of payloads) fake.interact(p);
    await settle(tokens, 60_000);

    for (const token of tokens) {
      const o = fake.outcome(token);
      expect(o.thinking, JSON.stringify(o)).toBe(false);
      expect(readable(o.original), JSON.stringify(o)).toBe(true);
      // The 429 was not processed: the answer came from the retried edit, after the acknowledgement.
      const calls = fake.callsFor(token);
      expect(calls.filter((c) => c.path.endsWith('/callback') && c.status === 404)).toEqual([]);
    }
    const limited = fake.calls.filter((c) => c.status === 429 && isEdit(c));
    expect(limited.length).toBe(27);

    const seen = waits.slice(before);
    expect(seen.some((w) => w.global)).toBe(true);
    expect(seen.some((w) => !w.global)).toBe(true);
    const lines = log
      .lines()
      .slice(firstLine)
      .filter((l) => l.msg === 'rate limited');
    // Many waits, few lines: one at most per second, each counting the waits it stood for.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(seen.length);
    const times = lines.map((l) => Number(l.time));
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(990);
    expect(bot?.metrics.missedDeadlines).toBe(0);
  }, 90_000);
});
