import { Client, Events, GatewayIntentBits, Options, RESTEvents } from 'discord.js';
import type { Config } from '../config.ts';
import type { Library } from '../library.ts';
import { registerSecret, type Logger } from '../log.ts';
import type { Command } from './command.ts';
import { Cooldowns } from './cooldown.ts';
import type { Follows } from './follow.ts';
import { CallTimes } from './defer.ts';
import { createInteractionHandler, libraryRef, type SessionState } from './interactions.ts';
import { loadCommands } from './load-commands.ts';
import { PageSessions } from './pagination.ts';

export interface BotOptions {
  /** The commands to serve (default: every file of commands/). */
  commands?: readonly Command[];
  /** Stop on SIGINT/SIGTERM and exit 0 (default true; tests turn it off). */
  handleSignals?: boolean;
  /** Per-user, per-command cooldown (default 3 s). */
  cooldownMs?: number;
  /** How a signal ends the process (default process.exit). */
  exit?: (code: number) => void;
  /** Interaction token lifetime (Discord's 15 minutes); only tests shorten it, to see buttons expire. */
  tokenLifetimeMs?: number;
  /** /follow's subscriptions (live news); without them /follow says it is unavailable. */
  follows?: Follows;
  /** Services stopped with the bot, before the gateway closes (the live-news poller). */
  services?: ReadonlyArray<{ stop(): Promise<void> }>;
}

export interface Bot {
  client: Client;
  /** Resolves when Discord has sent READY and the guilds (discord.js's clientReady). */
  ready: Promise<void>;
  /** Disables live paging buttons, closes the gateway; safe to call more than once. */
  stop(): Promise<void>;
}

export const DEFAULT_COOLDOWN_MS = 3000;
// Disabling buttons at shutdown is a courtesy; it must not hold the exit up.
const SHUTDOWN_GRACE_MS = 3000;

/** A discord.js client that pings nobody by default and talks to `apiUrl` for REST (and thus the gateway URL). */
export function createClient(apiUrl: string): Client {
  return new Client({
    // Interactions arrive without privileged intents; Guilds keeps the guild cache discord.js expects.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: apiUrl, retries: 2, timeout: 10_000 },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
}

/**
 * Connects the bot and serves /ask, /who and /timeline from `library` (or from it once the
 * promise resolves: the bot connects while the index loads, and defers the first answers).
 */
export async function startBot(
  config: Pick<Config, 'discord'>,
  library: Library | Promise<Library>,
  logger: Logger,
  options: BotOptions = {},
): Promise<Bot> {
  const discord = config.discord;
  if (!discord) throw new Error('DISCORD_TOKEN is missing: the bot needs it (without it, npm start runs the console)');
  registerSecret(discord.token);
  const log = logger.child({ component: 'discord' });

  const commands = options.commands ?? (await loadCommands());
  const ref = libraryRef(library);
  if (library instanceof Promise) {
    ref.ready().then(
      () => log.info('library ready'),
      (err: unknown) => log.error({ err }, 'library failed to load; commands will say so'),
    );
  }

  const sessions = new PageSessions<SessionState>({
    ...(options.tokenLifetimeMs === undefined ? {} : { tokenLifetimeMs: options.tokenLifetimeMs }),
    onError: (err, session) => log.warn({ err, session: session.id }, 'could not disable paging buttons'),
  });
  const handle = createInteractionHandler({
    commands: new Map(commands.map((c) => [c.data.name, c])),
    library: ref,
    logger: log,
    cooldowns: new Cooldowns(options.cooldownMs ?? DEFAULT_COOLDOWN_MS),
    sessions,
    times: new CallTimes(),
    follows: options.follows ?? null,
  });

  const client = createClient(discord.apiUrl);
  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      log.info({ user: c.user.tag, guilds: c.guilds.cache.size, commands: commands.map((x) => x.data.name) }, 'connected to Discord');
      if (c.application.id !== discord.clientId) {
        log.warn({ application: c.application.id }, 'DISCORD_CLIENT_ID is not this token\'s application: deploy-commands registers elsewhere');
      }
      resolve();
    });
  });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));
  client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'gateway connection error'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected for good'));
  // Closing at shutdown looks like a reconnect to discord.js: only log real ones.
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) log.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) => log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'));
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (message) => log.trace({ message }, 'discord.js'));

  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'shutting down');
    stop().then(
      () => exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };

  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      for (const service of options.services ?? []) await service.stop().catch((err: unknown) => log.warn({ err }, 'a service did not stop cleanly'));
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([sessions.closeAll(), new Promise((r) => (grace = setTimeout(r, SHUTDOWN_GRACE_MS)))]);
      clearTimeout(grace);
      await client.destroy();
      log.info('stopped');
    })();
    return stopping;
  }

  if (options.handleSignals ?? true) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  try {
    await client.login(discord.token);
  } catch (err) {
    await stop();
    throw err;
  }
  return { client, ready, stop };
}
