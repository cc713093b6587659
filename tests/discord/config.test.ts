import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ENV_VARS, loadConfig, PROJECT_ROOT, snapshotPathFor } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const CLIENT = '1100000000000000001';

describe('loadConfig', () => {
  it('runs the console with the defaults when no token is set', () => {
    const seeds = join(PROJECT_ROOT, 'seeds');
    expect(loadConfig({})).toEqual({
      ok: true,
      config: { corpusDirs: [seeds], corpusDir: seeds, indexPath: snapshotPathFor([seeds]), logLevel: 'info', feeds: [], feedIntervalMinutes: 10, discord: null },
    });
  });

  it('GIVEN several corpus folders, relative or absolute THEN they resolve against the project root, in order, and name their own snapshot', () => {
    const result = loadConfig({ CORPUS_DIR: 'seeds, /data/news:archive/2024 ,seeds' });
    const dirs = [join(PROJECT_ROOT, 'seeds'), '/data/news', join(PROJECT_ROOT, 'archive/2024')];
    expect(result.ok && result.config.corpusDirs).toEqual(dirs);
    expect(result.ok && result.config.indexPath).toBe(snapshotPathFor(dirs));
    expect(snapshotPathFor(dirs)).not.toBe(snapshotPathFor(dirs.slice(0, 1)));
    expect(snapshotPathFor(dirs).startsWith(join(PROJECT_ROOT, '.cache'))).toBe(true);
    const pinned = loadConfig({ CORPUS_DIR: 'seeds', INDEX_PATH: 'var/shiji.snapshot' });
    expect(pinned.ok && pinned.config.indexPath).toBe(join(PROJECT_ROOT, 'var/shiji.snapshot'));
  });

  it('reads the bot settings, trimming the REST base and treating empty values as unset', () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT, DISCORD_GUILD_ID: '', DISCORD_API_URL: 'http://127.0.0.1:9999/api/', LOG_LEVEL: 'debug', CORPUS_DIR: 'corpus/' });
    expect(result).toEqual({
      ok: true,
      config: {
        corpusDirs: [join(PROJECT_ROOT, 'corpus')],
        corpusDir: join(PROJECT_ROOT, 'corpus'),
        indexPath: snapshotPathFor([join(PROJECT_ROOT, 'corpus')]),
        logLevel: 'debug',
        feeds: [],
        feedIntervalMinutes: 10,
        discord: { token: TOKEN, clientId: CLIENT, guildId: null, apiUrl: 'http://127.0.0.1:9999/api' },
      },
    });
  });

  it('reads one or more feeds (spaces, commas or newlines between them) and the poll interval in minutes', () => {
    const result = loadConfig({ FEEDS: ' https://a.example/rss.xml,http://b.example/atom\nhttps://c.example/feed ', FEED_INTERVAL: '1' });
    expect(result.ok && result.config.feeds).toEqual(['https://a.example/rss.xml', 'http://b.example/atom', 'https://c.example/feed']);
    expect(result.ok && result.config.feedIntervalMinutes).toBe(1);
    const bad = loadConfig({ FEEDS: 'https://a.example/rss ftp://b.example/feed' });
    expect(!bad.ok && bad.error).toContain('"ftp://b.example/feed"');
  });

  it("defaults the REST base to Discord's", () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT });
    expect(result.ok && result.config.discord?.apiUrl).toBe('https://discord.com/api');
  });

  it.each([
    [{ DISCORD_TOKEN: TOKEN }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: 'not-a-token', DISCORD_CLIENT_ID: CLIENT }, 'DISCORD_TOKEN'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'my-app' }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT, DISCORD_GUILD_ID: '12ab' }, 'DISCORD_GUILD_ID'],
    [{ DISCORD_API_URL: 'ftp://example.com' }, 'DISCORD_API_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FEEDS: 'https://example.org/rss file:///etc/passwd' }, 'FEEDS'],
    [{ FEED_INTERVAL: '0' }, 'FEED_INTERVAL'],
    [{ FEED_INTERVAL: 'often' }, 'FEED_INTERVAL'],
  ])('stops with one line naming the bad variable (%j)', (env, name) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.startsWith(name)).toBe(true);
    expect(result.error).not.toContain('\n');
  });

  it('.env.example lists every variable, each with a comment, and as shipped runs the console', () => {
    const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const parsed = dotenv.parse(text);
    expect(Object.keys(parsed).sort()).toEqual([...ENV_VARS].sort());
    for (const name of ENV_VARS) expect(text).toMatch(new RegExp(`#[^\\n]*\\n${name}=`));
    expect(loadConfig(parsed)).toMatchObject({ ok: true, config: { discord: null } });
  });

  it('never repeats a malformed token in its error', () => {
    const secret = 'almost.a-token-but.no';
    const result = loadConfig({ DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: CLIENT });
    expect(!result.ok && result.error.includes(secret)).toBe(false);
  });
});

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes structured JSON lines at the chosen level', () => {
    const out = capture();
    const log = createLogger('warn', { destination: out.stream });
    log.info('hidden');
    log.warn({ command: 'ask' }, 'shown');
    const lines = out.text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'shown', command: 'ask' });
  });

  it('never writes the token, even inside an error message or stack', () => {
    const out = capture();
    const log = createLogger('info', { destination: out.stream, secrets: [TOKEN] });
    log.error({ err: new Error(`login failed with ${TOKEN}`) }, `could not use ${TOKEN}`);
    log.info({ token: TOKEN, config: { discord: { token: TOKEN } } }, 'config');
    expect(out.text()).not.toContain(TOKEN);
    expect(out.text()).toContain('[REDACTED]');
  });

  it('scrubs anything shaped like a bot token, and interaction tokens in REST paths', () => {
    const out = capture();
    const log = createLogger('info', { destination: out.stream });
    const other = 'OTk5OTk5OTk5OTk5OTk5OTk5.AbCdEf.zyxwvutsrqponmlkjihgfedcba98765';
    log.warn({ url: 'http://127.0.0.1/api/v10/interactions/123/aW50ZXJhY3Rpb246secret/callback' }, `saw ${other}`);
    expect(out.text()).not.toContain(other);
    expect(out.text()).not.toContain('aW50ZXJhY3Rpb246secret');
    expect(out.text()).toContain('/interactions/123/[REDACTED]/callback');
  });

  it("scrubs discord.js's trace line that prints a token's first two parts with the third masked", () => {
    const out = capture();
    const log = createLogger('trace', { destination: out.stream, secrets: [TOKEN] });
    const [a, b, c] = TOKEN.split('.');
    const masked = `${a}.${b}.${'*'.repeat(c?.length ?? 0)}`;
    log.trace({ message: `[WS => Shard 0] Provided token: ${masked}` }, 'discord.js');
    // The same shape for a token never registered (another bot's, a rotated one).
    const other = 'OTk5OTk5OTk5OTk5OTk5OTk5.AbCdEf.********************';
    log.trace(`Provided token: ${other}`);
    log.trace(`seen ${other}`);
    expect(out.text()).not.toContain(`${a}.${b}`);
    expect(out.text()).not.toContain('OTk5OTk5OTk5OTk5OTk5OTk5.AbCdEf');
    expect(out.text()).toContain('Provided token: [REDACTED]');
  });
});
