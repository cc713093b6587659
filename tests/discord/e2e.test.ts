import dc from 'node:diagnostics_channel';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordConfig } from '../../src/config.ts';
import { startBot, type BackgroundService, type Bot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { loadCommands } from '../../src/discord/load-commands.ts';
import type { Library } from '../../src/library.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary } from '../../src/open.ts';
import { spawnBot } from '../support/bot.ts';
import { FakeDiscord, type RecordedCall } from '../support/fake-discord.ts';
import { messageProblems } from './limits.ts';

/**
 * The bot's real discord.js client against a stand-in for Discord on 127.0.0.1, over the real
 * library and the bundled seeds/. Nothing may leave 127.0.0.1: every outgoing connection of this
 * process is recorded and checked.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const BOOM = '💥 explode';
const EPHEMERAL = 64;
const SUPPRESS_EMBEDS = 4;
// The second bot's interaction tokens last 6 s instead of 15 min, to watch its buttons expire.
const SHORT_TOKEN_MS = 6000;

type Json = Record<string, unknown>;

// Every host this process connects to or looks up (REST through undici, the gateway through ws).
const destinations = new Set<string>();
const onRequest = (message: unknown): void => {
  const origin = (message as { request?: { origin?: unknown } }).request?.origin;
  if (origin !== undefined) destinations.add(new URL(String(origin)).hostname);
};
const onSocket = (message: unknown): void => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('lookup', (_err: unknown, _address: unknown, _family: unknown, host: string) => destinations.add(host));
  socket.once('connect', () => destinations.add(socket.remoteAddress ?? '?'));
};

function seedUrl(): Promise<string> {
  return readFile(join(ROOT, 'seeds/000_a2194fe5ab64c492.txt'), 'utf8').then((text) => {
    const m = /^\[.*\]\((\S+)\)$/.exec(text.split('\n')[1]?.trim() ?? '');
    if (!m?.[1]) throw new Error('seed line 2 is not [title](url)');
    return m[1];
  });
}

function memoryLog(): { stream: Writable; lines: () => Json[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json) };
}

/** Runs a script of this repository in a child process (like `npm run …`), with a hard deadline. */
// A script (deploy, the bot) as its own process, killed if it outlives 45 s.
const runScript = (script: string, env: Record<string, string>) => spawnBot(ROOT, script, env, { deadlineMs: 45_000 });

/** Every message body the bot sent: replies, updates, edits and follow-ups. */
function messageBodies(calls: readonly RecordedCall[]): Array<{ call: RecordedCall; body: Json }> {
  const out: Array<{ call: RecordedCall; body: Json }> = [];
  for (const call of calls) {
    const body = (call.body ?? {}) as Json;
    if (call.path.endsWith('/callback') && (body.type === 4 || body.type === 7)) out.push({ call, body: (body.data ?? {}) as Json });
    if (call.path.startsWith('/webhooks/') && (call.method === 'PATCH' || call.method === 'POST')) out.push({ call, body });
  }
  return out;
}

function embedsOf(body: Json): Json[] {
  return Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
}

function buttonsOf(body: Json): Json[] {
  const rows = Array.isArray(body.components) ? (body.components as Json[]) : [];
  return rows.flatMap((r) => (Array.isArray(r.components) ? (r.components as Json[]) : []));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]);
}

let realLibrary: Library;
let url: string;

beforeAll(async () => {
  dc.subscribe('undici:request:create', onRequest);
  dc.subscribe('net.client.socket', onSocket);
  url = await seedUrl();
  realLibrary = (await openLibrary({ corpusDirs: [join(ROOT, 'seeds')], indexPath: null })).library;
});

afterAll(() => {
  dc.unsubscribe('undici:request:create', onRequest);
  dc.unsubscribe('net.client.socket', onSocket);
});

describe('the bot against a stand-in for Discord', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  const log = memoryLog();
  let discord: DiscordConfig;
  let seq = 0;
  const user = () => fake.user(`13000000000000${String(++seq).padStart(5, '0')}`);

  // A background service (as a feed poller would be): started once connected, stopped at shutdown.
  const serviceEvents: string[] = [];
  const service: BackgroundService = {
    name: 'probe',
    start: ({ answerer }) => void serviceEvents.push(`start:${typeof answerer.update}`),
    stop: () => void serviceEvents.push('stop'),
  };

  /** Dispatches an interaction; resolves with its first response (the stand-in enforces the 3 s rule). */
  async function interact(payload: Json) {
    const sent = fake.interact(payload);
    const first = await fake.waitFor((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`, 5000, `the response to ${String((payload.data as Json).name ?? 'a button')}`);
    return { ...sent, first, body: (first.body ?? {}) as Json };
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN, heartbeatIntervalMs: 400 });
    discord = { token: TOKEN, clientId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl };
    // A library whose ask throws for one query: a command that fails.
    const library: Library = {
      ...realLibrary,
      ask: (query, options) => {
        if (query === BOOM) throw new Error(`index exploded while holding ${TOKEN}`);
        return realLibrary.ask(query, options);
      },
    };
    const logger = createLogger('debug', { destination: log.stream, secrets: [TOKEN] });
    bot = await startBot({ discord }, library, logger, { handleSignals: false, services: [service] });
    await withTimeout(bot.ready, 15_000, 'clientReady');
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('registers every command with one bulk PUT to the guild (npm run deploy-commands)', async () => {
    const run = runScript('src/discord/deploy.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
    });
    const code = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const puts = fake.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(puts[0]?.authorization).toBe(`Bot ${TOKEN}`);
    const body = (puts[0]?.body ?? []) as Json[];
    expect(body.map((c) => c.name).sort()).toEqual(['ask', 'follow', 'following', 'timeline', 'unfollow', 'who']);
    expect(body.every((c) => (c.name_localizations as Json)['zh-CN'] && (c.description_localizations as Json)['zh-TW'])).toBe(true);
    expect(run.stdout()).toContain('visible now');
    expect(run.stdout() + run.stderr()).not.toContain(TOKEN);
  });

  it('registers globally when no guild is configured', async () => {
    const result = await deployCommands({ ...discord, guildId: null }, await loadCommands());
    expect(result).toEqual({ scope: 'global', names: ['ask', 'follow', 'following', 'timeline', 'unfollow', 'who'] });
    expect(fake.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toContain(`/applications/${fake.applicationId}/commands`);
  });

  it('connects like to Discord: gateway from /gateway/bot, JSON without compression, IDENTIFY with the token, heartbeats acknowledged', async () => {
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === '/gateway/bot')).toBe(true);
    expect(fake.connections[0]).toMatchObject({ v: '10', encoding: 'json' });
    expect(fake.connections[0]?.compress).toBeUndefined();
    const identify = fake.received.find((f) => f.op === 2);
    expect((identify?.d as Json | undefined)?.token).toBe(TOKEN);
    expect(bot?.client.guilds.cache.has(fake.guildId)).toBe(true);
    const beat = Date.now();
    while (!fake.received.some((f) => f.op === 1) && Date.now() - beat < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(fake.received.some((f) => f.op === 1)).toBe(true);
  });

  it('answers /ask 驻日美军经费 within 3 s with an embed that links the seed article', async () => {
    const r = await interact(fake.chatInput('ask', { question: '驻日美军经费' }, user()));
    // Accepted by the stand-in, which refuses a first response after 3 s (10062).
    expect(r.first.status).toBeLessThan(300);
    let message: Json;
    if (r.body.type === 5) {
      const edit = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(r.token), 10_000, 'the deferred edit');
      message = (edit.body ?? {}) as Json;
    } else {
      expect(r.body.type).toBe(4);
      message = (r.body.data ?? {}) as Json;
    }
    const [embed] = embedsOf(message);
    expect(embed?.title).toBe('驻日美军经费');
    expect(String(embed?.description)).toContain(`](${url})`);
    expect(String(embed?.description)).toMatch(/<t:\d+:D>/);
    expect(String(embed?.description)).toContain('**驻日美军驻留经费');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(Number(message.flags ?? 0) & EPHEMERAL).toBe(0);
    // Nine passages, three a page: Previous (off) · 1/3 · Next.
    const buttons = buttonsOf(message);
    expect(buttons).toHaveLength(3);
    expect(buttons[0]?.disabled).toBe(true);
    expect(buttons[2]?.disabled).toBe(false);
  });

  it('refuses Next pressed by someone else, privately and politely, and leaves the page alone', async () => {
    const owner = user();
    const asked = await interact(fake.chatInput('ask', { question: '驻日美军经费' }, owner));
    const original = fake.original(asked.token);
    const next = buttonsOf(original ?? {})[2];
    const before = JSON.stringify(original?.embeds);
    const press = await interact(fake.button(String(original?.id), String(next?.custom_id), user()));
    expect(press.first.status).toBeLessThan(300);
    expect(press.body.type).toBe(4);
    const data = (press.body.data ?? {}) as Json;
    expect(Number(data.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(data.content)).toContain('/ask');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(fake.original(asked.token)?.embeds)).toBe(before);

    // The asker's press turns the page.
    const own = await interact(fake.button(String(original?.id), String(next?.custom_id), owner));
    expect(own.body.type).toBe(7);
    const page2 = (own.body.data ?? {}) as Json;
    expect(String(embedsOf(page2)[0]?.description)).toContain('**4.**');
    expect(buttonsOf(page2)[0]?.disabled).toBe(false);
    expect(String(buttonsOf(page2)[1]?.label)).toContain('2/3');
    expect(page2.allowed_mentions).toEqual({ parse: [] });
  });

  it('bounds page ids and checks ownership first: forged ids change nothing on the owner\'s message', async () => {
    const owner = user();
    const asked = await interact(fake.chatInput('ask', { question: '驻日美军经费' }, owner));
    const original = fake.original(asked.token);
    const next = String(buttonsOf(original ?? {})[2]?.custom_id);
    const session = next.split(':')[2];
    const before = JSON.stringify(original?.components);
    const forged = [
      [`shiji:next:${session}:999998`, owner],
      [`shiji:prev:${session}:5`, owner],
      [`shiji:next:${session}:999998`, user()],
      ['shiji:next:zz9:0', user()],
      ['nonsense', user()],
    ] as const;
    for (const [customId, who] of forged) {
      const press = await interact(fake.button(String(original?.id), customId, who, 'en-US'));
      expect(press.first.status, customId).toBeLessThan(300);
      // A private note, never an update of the message.
      expect(press.body.type, customId).toBe(4);
      const data = (press.body.data ?? {}) as Json;
      expect(Number(data.flags) & EPHEMERAL).toBe(EPHEMERAL);
      expect(String(data.content)).not.toMatch(/1000000|999999/);
      expect(JSON.stringify(fake.original(asked.token)?.components), customId).toBe(before);
    }
    // The owner's real button still works.
    const own = await interact(fake.button(String(original?.id), next, owner));
    expect(own.body.type).toBe(7);
  });

  it('answers autocomplete for /timeline and /who within 3 s with at most 25 short choices', async () => {
    for (const [command, option, typed] of [['timeline', 'topic', '日'], ['timeline', 'topic', ''], ['who', 'name', '岸']] as const) {
      const r = await interact(fake.autocomplete(command, option, typed, user()));
      // Accepted by the stand-in, which refuses a first response after 3 s (10062).
    expect(r.first.status).toBeLessThan(300);
      expect(r.body.type).toBe(8);
      const choices = ((r.body.data as Json).choices ?? []) as Json[];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(String(c.name).length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
      }
      // Topics that start with or contain what was typed, from the index.
      if (command === 'timeline' && typed === '日') {
        expect(choices.length).toBeGreaterThan(0);
        for (const c of choices) expect(String(c.value)).toContain('日');
      }
      // People the index knows, from the statements of the seeds.
      if (command === 'who') expect(choices.map((c) => String(c.value))).toContain('岸田文雄');
    }
  });

  it('answers /who and /timeline within 3 s with an embed linking the seed articles that hold the answer', async () => {
    for (const [command, option, value] of [['who', 'name', '岸田文雄'], ['timeline', 'topic', '驻日美军经费']] as const) {
      const r = await interact(fake.chatInput(command, { [option]: value }, user()));
      // Accepted by the stand-in, which refuses a first response after 3 s (10062).
    expect(r.first.status).toBeLessThan(300);
      expect([4, 5]).toContain(r.body.type);
      const calls = () => fake.callsFor(r.token);
      if (r.body.type === 5) await fake.waitFor((c) => c.path.includes(r.token) && c.path.startsWith('/webhooks/'), 10_000, `the ${command} edit`);
      const [last] = messageBodies(calls()).slice(-1);
      expect(last).toBeDefined();
      const body = last?.body ?? {};
      const [embed] = embedsOf(body);
      expect(embed).toBeDefined();
      const text = JSON.stringify(embed);
      // 岸田文雄 speaks in seeds 001 and 004; the host-nation-support story starts in seed 000.
      expect(text).toContain(command === 'who' ? 'rfi.fr/cn' : '20201111-');
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('shows the answer only to the asker with hide: true', async () => {
    const r = await interact(fake.chatInput('ask', { question: '日美同盟', hide: true }, user()));
    expect(r.body.type).toBe(4);
    expect(Number((r.body.data as Json).flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(embedsOf((r.body.data ?? {}) as Json)).toHaveLength(1);
  });

  it('tells a user who repeats a command too fast to wait, privately', async () => {
    const u = user();
    await interact(fake.chatInput('ask', { question: '日美同盟' }, u));
    const again = await interact(fake.chatInput('ask', { question: '日美同盟' }, u, 'en-US'));
    expect(again.body.type).toBe(4);
    const data = (again.body.data ?? {}) as Json;
    expect(Number(data.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(data.content)).toMatch(/wait.*<t:\d+:R>/);
  });

  it('answers an unknown command politely and privately', async () => {
    const r = await interact(fake.chatInput('translate', { text: 'hello' }, user(), 'en-US'));
    // Accepted by the stand-in, which refuses a first response after 3 s (10062).
    expect(r.first.status).toBeLessThan(300);
    const data = (r.body.data ?? {}) as Json;
    expect(Number(data.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(data.content)).toContain("don't know the command /translate");
    expect(Number(data.flags) & SUPPRESS_EMBEDS).toBe(SUPPRESS_EMBEDS);
  });

  it('answers a command that throws with an apology, logs it with the command name, and keeps serving', async () => {
    const r = await interact(fake.chatInput('ask', { question: BOOM }, user(), 'en-US'));
    // Accepted by the stand-in, which refuses a first response after 3 s (10062).
    expect(r.first.status).toBeLessThan(300);
    const data = (r.body.data ?? {}) as Json;
    expect(Number(data.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(data.content)).toMatch(/^Sorry, something went wrong while answering \/ask/);
    const failure = log.lines().find((l) => l.level === 50 && l.command === 'ask');
    expect(failure?.msg).toBe('/ask failed');
    expect(JSON.stringify(failure)).toContain('index exploded');

    const after = await interact(fake.chatInput('ask', { question: '驻日美军经费' }, user()));
    expect(after.body.type).toBe(4);
    expect(bot?.client.isReady()).toBe(true);
  });

  it('switches off a button it no longer knows (after a restart) and says so privately', async () => {
    const asked = await interact(fake.chatInput('ask', { question: '驻日美军经费' }, user()));
    const original = fake.original(asked.token);
    // A session id this process never issued.
    const stale = { ...original, components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'shiji:next:zz9:0', label: 'Next' }] }] };
    fake.messages.set(String(original?.id), stale);
    const press = await interact(fake.button(String(original?.id), 'shiji:next:zz9:0', user(), 'en-US'));
    expect(press.body.type).toBe(7);
    expect(buttonsOf((press.body.data ?? {}) as Json).every((b) => b.disabled === true)).toBe(true);
    const note = await fake.waitFor((c) => c.method === 'POST' && c.path === `/webhooks/${fake.applicationId}/${press.token}`, 5000, 'the follow-up');
    expect(Number((note.body as Json).flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String((note.body as Json).content)).toContain('expired');
  });

  it('kept every message within Discord limits, pinging nobody, and acknowledged every interaction once', () => {
    const bodies = messageBodies(fake.calls);
    expect(bodies.length).toBeGreaterThan(10);
    for (const { call, body } of bodies) {
      expect(messageProblems(body, `${call.method} ${call.path}`)).toEqual([]);
      expect(body.allowed_mentions, `${call.method} ${call.path}`).toEqual({ parse: [] });
    }
    // 40060 (acknowledged twice) or 10062 (too late) would mean a broken flow.
    expect(fake.calls.filter((c) => c.status >= 400).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([]);
  });

  it('never wrote the token to its logs', () => {
    expect(log.text().length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(TOKEN);
  });

  it('talked to nothing but 127.0.0.1', () => {
    expect(destinations.size).toBeGreaterThan(0);
    expect([...destinations].filter((h) => h !== '127.0.0.1')).toEqual([]);
  });

  it('stops cleanly: the gateway connection closes', async () => {
    expect(fake.openSockets).toBe(1);
    await bot?.stop();
    const start = Date.now();
    while (fake.openSockets > 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(fake.openSockets).toBe(0);
    expect(bot?.client.isReady()).toBe(false);
    expect(serviceEvents).toEqual(['start:function', 'stop']);
  });
});

describe('the bot while the library is still loading', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  let release: (library: Library) => void = () => {};
  const log = memoryLog();

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN, tokenLifetimeMs: SHORT_TOKEN_MS });
    // The library loads only when the test says so.
    const loading = new Promise<Library>((resolve) => (release = resolve));
    const library: Library = {
      ...realLibrary,
      ask: (query, options) => {
        if (query === BOOM) throw new Error('index exploded');
        return realLibrary.ask(query, options);
      },
    };
    bot = await startBot({ discord: { token: TOKEN, clientId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl } }, loading.then(() => library), createLogger('info', { destination: log.stream }), {
      handleSignals: false,
      tokenLifetimeMs: SHORT_TOKEN_MS,
    });
    await withTimeout(bot.ready, 15_000, 'clientReady');
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('defers within 3 s, then edits in the answer, the private notice, or the apology once the library is ready', async () => {
    const found = fake.interact(fake.chatInput('ask', { question: '驻日美军经费' }, fake.user('1400000000000000001')));
    const missing = fake.interact(fake.chatInput('ask', { question: 'qqqzzzxxx' }, fake.user('1400000000000000002'), 'en-US'));
    const failing = fake.interact(fake.chatInput('ask', { question: BOOM }, fake.user('1400000000000000003'), 'en-US'));
    for (const i of [found, missing, failing]) {
      const first = await fake.waitFor((c) => c.path === `/interactions/${i.id}/${i.token}/callback`, 5000, 'a deferral');
      expect(first.status).toBeLessThan(300);
      expect((first.body as Json).type).toBe(5);
    }
    release(realLibrary);

    const edit = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(found.token), 10_000, 'the answer');
    expect(String(embedsOf((edit.body ?? {}) as Json)[0]?.description)).toContain(`](${url})`);

    // Nothing found: the public placeholder goes, the notice comes privately.
    await fake.waitFor((c) => c.method === 'DELETE' && c.path.includes(missing.token), 10_000, 'the placeholder removal');
    const notice = await fake.waitFor((c) => c.method === 'POST' && c.path.endsWith(missing.token), 10_000, 'the private notice');
    expect(Number((notice.body as Json).flags) & EPHEMERAL).toBe(EPHEMERAL);

    // The failing command replaces its "thinking…" with the apology.
    const apology = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(failing.token), 10_000, 'the apology');
    expect(String((apology.body as Json).content)).toMatch(/^Sorry/);
    expect(fake.calls.filter((c) => c.status >= 400)).toEqual([]);

    // Its paging buttons get disabled through the asker's token shortly before that token dies.
    const off = await fake.waitFor(
      (c) => c.method === 'PATCH' && c.path.includes(found.token) && buttonsOf((c.body ?? {}) as Json).length > 0 && buttonsOf((c.body ?? {}) as Json).every((b) => b.disabled === true),
      SHORT_TOKEN_MS + 4000,
      'the buttons switched off',
    );
    // While the token still worked (the stand-in refuses edits after it), and after the answer.
    expect(off.status).toBe(200);
    expect(fake.calls.indexOf(off)).toBeGreaterThan(fake.calls.indexOf(edit));
  });
});

describe('npm start with DISCORD_TOKEN (src/discord/start.ts)', () => {
  let fake: FakeDiscord;
  let dir = '';

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
    dir = await mkdtemp(join(tmpdir(), 'shiji-bot-'));
  });

  afterAll(async () => {
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads the library, answers, and exits 0 on SIGTERM after closing the gateway', async () => {
    const run = runScript('tests/discord/fixtures/run-bot.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: join(ROOT, 'seeds'),
      INDEX_PATH: join(dir, 'index.snapshot'),
      LOG_LEVEL: 'info',
    });
    try {
      await run.until(() => run.stdout().includes('connected to Discord'), 60_000, 'connection');

      const i = fake.interact(fake.chatInput('ask', { question: '驻日美军经费' }, fake.user('1500000000000000001')));
      const first = await fake.waitFor((c) => c.path === `/interactions/${i.id}/${i.token}/callback`, 5000, 'the first response');
      expect(first.status).toBeLessThan(300);
      const answer = (first.body as Json).type === 5
        // The index builds in the answer worker meanwhile: on a busy shared machine that can take a while.
        ? ((await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(i.token), 120_000, 'the answer')).body as Json)
        : (((first.body as Json).data ?? {}) as Json);
      expect(String(embedsOf(answer)[0]?.description)).toContain(`](${url})`);

      run.child.kill('SIGTERM');
      const code = await run.exited;
      expect(code).toBe(0);
      expect(run.stdout()).toContain('"msg":"stopped"');
      expect(run.stdout()).not.toContain(TOKEN);
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
      // Its gateway connection is gone before the next test counts connections.
      const t1 = Date.now();
      while (fake.openSockets > 0 && Date.now() - t1 < 5000) await new Promise((r) => setTimeout(r, 20));
    }
  }, 240_000);

  it('refuses a token Discord rejects with a clear error, leaving nothing connected', async () => {
    const wrong = `${TOKEN.slice(0, -4)}WXYZ`;
    const attempt = startBot({ discord: { token: wrong, clientId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl } }, realLibrary, createLogger('silent'), { handleSignals: false });
    await expect(attempt).rejects.toThrow(/invalid token/i);
    expect(fake.openSockets).toBe(0);
  });

  it('stops with one line naming a malformed variable', async () => {
    const run = runScript('tests/discord/fixtures/run-bot.ts', { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'abc', DISCORD_API_URL: fake.apiUrl });
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toContain('DISCORD_CLIENT_ID');
  });
});
