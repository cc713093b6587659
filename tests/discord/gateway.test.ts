import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary } from '../../src/open.ts';
import { memoryLog, TEST_TOKEN } from '../support/bot.ts';
import { FakeDiscord } from '../support/fake-discord.ts';

/**
 * The gateway going away and coming back, as the log tells it. The warning threshold is shortened
 * (the option the bot takes, default 30 s); assertions are about which log events happen and in
 * what order, with generous deadlines, never about how long anything took.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = TEST_TOKEN;
const WARN_MS = 300;



const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(test: () => boolean, deadlineMs: number, what: string): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

describe('the bot when the gateway goes away', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  const log = memoryLog();
  const msgs = () => log.lines().map((l) => String(l.msg));
  const warnings = () => msgs().filter((m) => m.startsWith('disconnected from Discord for more than'));

  beforeAll(async () => {
    const library = (await openLibrary({ corpusDirs: [join(ROOT, 'seeds')], indexPath: null })).library;
    fake = await FakeDiscord.start({ token: TOKEN });
    bot = await startBot({ discord: { token: TOKEN, clientId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl } }, library, createLogger('info', { destination: log.stream }), {
      handleSignals: false,
      disconnectWarnMs: WARN_MS,
    });
    await bot.ready;
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('warns exactly once while it stays down past the threshold, and reconnecting clears the warning', async () => {
    const start = log.lines().length;
    fake.holdGateway();
    fake.closeGateway(4000, 'unknown error');
    await until(() => warnings().length === 1, 10_000, 'the disconnection warning');
    // Still down for several more thresholds: no second warning.
    await sleep(WARN_MS * 4);
    expect(warnings()).toHaveLength(1);
    fake.releaseGateway();
    await until(() => msgs().includes('reconnected to Discord'), 10_000, 'the reconnection line');

    const events = msgs()
      .slice(start)
      .filter((m) => m === 'gateway reconnecting' || m.startsWith('disconnected from Discord') || m === 'reconnected to Discord');
    expect(events).toEqual(['gateway reconnecting', `disconnected from Discord for more than ${WARN_MS} ms`, 'reconnected to Discord']);
    const warning = log.lines().find((l) => String(l.msg).startsWith('disconnected from Discord'));
    expect(warning?.level).toBe(40);

    // Back for good: well past the threshold, no warning comes.
    await sleep(WARN_MS * 4);
    expect(warnings()).toHaveLength(1);
  }, 30_000);

  it('a later outage warns again, once: the reconnection cleared the first', async () => {
    const before = warnings().length;
    const start = log.lines().length;
    fake.holdGateway();
    fake.closeGateway(4000, 'unknown error');
    await until(() => warnings().length === before + 1, 10_000, 'the second disconnection warning');
    await sleep(WARN_MS * 4);
    fake.releaseGateway();
    await until(() => msgs().slice(start).includes('reconnected to Discord'), 10_000, 'the reconnection line');
    const events = msgs()
      .slice(start)
      .filter((m) => m === 'gateway reconnecting' || m.startsWith('disconnected from Discord') || m === 'reconnected to Discord');
    expect(events).toEqual(['gateway reconnecting', `disconnected from Discord for more than ${WARN_MS} ms`, 'reconnected to Discord']);
  }, 30_000);
});
