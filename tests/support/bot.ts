import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { Writable, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { InlineAnswerer, type Answerer } from '../../src/discord/answerer.ts';
import { startBot, type Bot } from '../../src/discord/bot.ts';
import { loadCommands } from '../../src/discord/load-commands.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary } from '../../src/open.ts';
import { FakeDiscord } from './fake-discord.ts';

/** Helpers the Discord fault, rate-limit and gateway tests share. */

export type Json = Record<string, unknown>;

/** A bot token of the right shape (nothing it opens is real). */
export const TEST_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

/** An answerer whose answers take `ms` (without blocking): longer than the bot's wait for a direct reply, it defers, then edits. */
export function slowAnswerer(inner: Answerer, ms: number): Answerer {
  return {
    ready: () => inner.ready(),
    get loaded() {
      return inner.loaded;
    },
    render: (request) => {
      const p = inner.render(request);
      return new Promise((resolve, reject) => setTimeout(() => p.then(resolve, reject), ms));
    },
    suggest: (kind, prefix, limit) => inner.suggest(kind, prefix, limit),
    update: (files) => inner.update(files),
    timeline: (topic, options) => inner.timeline(topic, options),
    depth: () => inner.depth(),
    close: () => inner.close(),
  };
}

/** A pino destination kept in memory: the log lines as parsed JSON objects. */
export function memoryLog(): { stream: Writable; lines: () => Json[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json) };
}

/** A bot (or any fixture script) run as its own Node process with tsx, its output collected. */
export interface BotProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until `test` holds, polling; throws naming `what` (with the output) after `ms` or when the process has exited. */
  until(test: () => boolean, ms: number, what: string): Promise<void>;
}

export interface SpawnOptions {
  /** Node flags before the script (e.g. --cpu-prof). */
  nodeArgs?: readonly string[];
  /** Killed (SIGKILL) after this long, so a hung process cannot outlive its test. */
  deadlineMs?: number;
}

export function spawnBot(root: string, script: string, env: Record<string, string>, options: SpawnOptions = {}): BotProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx/esm', script], {
    cwd: root,
    // Only what the bot needs: no token or setting of the developer's environment leaks in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += String(d)));
  child.stderr.on('data', (d: Buffer) => (err += String(d)));
  const timer = options.deadlineMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.deadlineMs);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async until(test, ms, what) {
      const t0 = Date.now();
      while (!test()) {
        if (Date.now() - t0 > ms || child.exitCode !== null) throw new Error(`${script}: no ${what} after ${ms} ms\n${err}\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/**
 * A bot in this process on a stand-in Discord, answering over seeds/ with every answer `slowMs`
 * late (so each is deferred first), logging into `log`. `onStart` runs before the bot is ready
 * (to listen to its client's events). Stop it with bot.stop() and fake.close().
 */
export async function startSeedsBot(options: {
  slowMs: number;
  log: Writable;
  maxQueue?: number;
  onStart?: (bot: Bot) => void;
}): Promise<{ fake: FakeDiscord; bot: Bot }> {
  const seeds = fileURLToPath(new URL('../../seeds', import.meta.url));
  const library = (await openLibrary({ corpusDirs: [seeds], indexPath: null })).library;
  const fake = await FakeDiscord.start({ token: TEST_TOKEN });
  const commands = await loadCommands();
  const renderers = new Map(commands.flatMap((c) => (c.render ? [[c.data.name, c.render] as const] : [])));
  const answerer = slowAnswerer(new InlineAnswerer(library, renderers, options.maxQueue), options.slowMs);
  const bot = await startBot({ discord: { token: TEST_TOKEN, clientId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl } }, answerer, createLogger('info', { destination: options.log }), {
    handleSignals: false,
    commands,
  });
  options.onStart?.(bot);
  await bot.ready;
  await answerer.ready();
  return { fake, bot };
}
