import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/discord/bot.ts';
import { memoryLog, spawnBot, startSeedsBot, TEST_TOKEN, type Json } from '../support/bot.ts';
import { FakeDiscord, type RecordedCall } from '../support/fake-discord.ts';

/**
 * Faults Discord really produces, injected by the stand-in: a callback processed but answered
 * 502, a callback processed and never answered, a 502 before processing, edits failing 5xx, and
 * a gateway closed for good (4004). Assertions are about what each user ends up seeing and the
 * order of calls, never about how long things took (the stand-in enforces the 3 s rule itself).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = TEST_TOKEN;
// Longer than the bot's wait for a direct reply: every answer here is deferred first.
const SLOW_MS = 1300;



const readable = (m: Json | null): boolean => !!m && (String(m.content ?? '') !== '' || (Array.isArray(m.embeds) && m.embeds.length > 0));

describe('the bot when Discord loses responses', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  const log = memoryLog();

  beforeAll(async () => {
    ({ fake, bot } = await startSeedsBot({ slowMs: SLOW_MS, log: log.stream }));
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('answers every user whose deferral was processed but answered 502 or never answered, and retries no callback late', async () => {
    const kinds = ['status-after', 'hang-after', 'status-before', 'none'] as const;
    const sent: Array<{ token: string; kind: (typeof kinds)[number] }> = [];
    for (let i = 0; i < 24; i++) {
      const kind = kinds[i % kinds.length] ?? 'none';
      const payload = fake.chatInput('ask', { question: '驻日美军经费' }, fake.user(`18${String(i).padStart(17, '0')}`));
      const token = String(payload.token);
      const onCallback = (c: RecordedCall) => c.path.endsWith(`/${token}/callback`);
      if (kind === 'status-after') fake.injectFault(onCallback, { kind: 'status-after', status: 502 });
      if (kind === 'hang-after') fake.injectFault(onCallback, { kind: 'hang-after' });
      // Before processing: nothing happened at Discord, and the bot still has time to try again.
      if (kind === 'status-before') fake.injectFault(onCallback, { kind: 'status-before', status: 502 });
      // The first edit of some answers fails too: edits are retried.
      if (i % 3 === 0) fake.injectFault((c) => c.method === 'PATCH' && c.path.includes(`/${token}/`), { kind: 'status-before', status: 503 });
      fake.interact(payload);
      sent.push({ token, kind });
    }

    const settled = (token: string): boolean => {
      const o = fake.outcome(token);
      return o.acknowledged && !o.thinking && (readable(o.original) || o.followUps.some(readable));
    };
    const t0 = Date.now();
    while (!sent.every((s) => settled(s.token)) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));

    for (const s of sent) {
      const o = fake.outcome(s.token);
      expect(o.thinking, `${s.kind}: still thinking`).toBe(false);
      // The answer itself, not an apology: the bot knew its deferral had most likely landed.
      expect(Array.isArray(o.original?.embeds) && (o.original?.embeds as unknown[]).length > 0, `${s.kind}: ${JSON.stringify(o)}`).toBe(true);
      const calls = fake.callsFor(s.token);
      const callbacks = calls.filter((c) => c.path.endsWith('/callback'));
      // A 502 may come before or after Discord processed the callback: it is retried once, in time
      // (a duplicate then gets 40060, which the bot takes as acknowledged). A lost response is not.
      expect(callbacks.length, s.kind).toBe(s.kind === 'status-before' || s.kind === 'status-after' ? 2 : 1);
      // The stand-in refused nothing as late (10062), and a duplicate only where Discord had it already.
      expect(callbacks.filter((c) => c.status === 404)).toEqual([]);
      expect(callbacks.filter((c) => c.status === 400).length, s.kind).toBe(s.kind === 'status-after' ? 1 : 0);
      // The answer came as an edit after the acknowledgement.
      const edit = calls.findIndex((c) => c.method === 'PATCH' && c.status === 200);
      expect(edit).toBeGreaterThan(calls.indexOf(callbacks[0] as RecordedCall));
    }
    expect(bot?.metrics.missedDeadlines).toBe(0);
  }, 90_000);

  it('still tells the user, in a follow-up, when no edit of the reply gets through after a lost deferral', async () => {
    const payload = fake.chatInput('ask', { question: 'x'.repeat(3) }, fake.user('1900000000000000001'), 'en-US');
    const token = String(payload.token);
    fake.injectFault((c) => c.path.endsWith(`/${token}/callback`), { kind: 'status-after', status: 502 });
    // Every edit of this interaction fails: the answer cannot be shown, the follow-up apology can.
    fake.injectFault((c) => c.method === 'PATCH' && c.path.includes(`/${token}/`), { kind: 'status-before', status: 500 }, 100);
    fake.injectFault((c) => c.method === 'DELETE' && c.path.includes(`/${token}/`), { kind: 'status-before', status: 500 }, 100);
    fake.interact(payload);
    const t0 = Date.now();
    const done = () => fake.outcome(token).followUps.some(readable);
    while (!done() && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    const o = fake.outcome(token);
    expect(o.followUps.map((m) => String(m.content)).join('\n')).toMatch(/Sorry|Nothing found/);
  }, 90_000);

  it('drains the answers in flight at shutdown: each user gets theirs, then the gateway closes', async () => {
    const tokens = [0, 1, 2].map((i) => {
      const payload = fake.chatInput('who', { name: '岸田文雄' }, fake.user(`19100000000000000${i}`));
      fake.interact(payload);
      return String(payload.token);
    });
    // Acknowledged (deferred), answers still being computed.
    const t0 = Date.now();
    while (!tokens.every((t) => fake.outcome(t).acknowledged) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(tokens.map((t) => fake.outcome(t).thinking)).toEqual([true, true, true]);
    await bot?.stop();
    for (const t of tokens) {
      const o = fake.outcome(t);
      expect(o.thinking).toBe(false);
      expect(readable(o.original)).toBe(true);
    }
    const t1 = Date.now();
    while (fake.openSockets > 0 && Date.now() - t1 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(fake.openSockets).toBe(0);
    expect(log.lines().some((l) => l.msg === 'stopped')).toBe(true);
  }, 60_000);
});

describe('the bot when Discord closes the gateway for good', () => {
  let fake: FakeDiscord;
  let dir = '';

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
    dir = await mkdtemp(join(tmpdir(), 'shiji-fatal-'));
  });

  afterAll(async () => {
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exits non-zero with one line naming the cause when the token is revoked (4004)', async () => {
    const bot = spawnBot(ROOT, 'tests/discord/fixtures/run-bot.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: join(ROOT, 'seeds'),
      INDEX_PATH: join(dir, 'index.snapshot'),
      LOG_LEVEL: 'info',
    });
    const { child, exited } = bot;
    try {
      await bot.until(() => bot.stdout().includes('connected to Discord'), 60_000, 'connection');
      fake.closeGateway(4004, 'Authentication failed');
      const code = await exited;
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      const lines = bot.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/4004.*authentication failed/i);
      expect(bot.stdout() + bot.stderr()).not.toContain(TOKEN);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
