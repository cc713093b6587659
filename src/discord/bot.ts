import { createRequire } from 'node:module';
import { Client, Events, GatewayIntentBits, Options, RESTEvents, type Interaction } from 'discord.js';
import type { Config } from '../config.ts';
import type { Library } from '../library.ts';
import { registerSecret, type Logger } from '../log.ts';
import { InlineAnswerer, type Answerer, type Renderer } from './answerer.ts';
import type { Command } from './command.ts';
import { Cooldowns } from './cooldown.ts';
import { createInteractionHandler, type SessionState } from './interactions.ts';
import type { Follows } from './follow.ts';
import { loadCommands } from './load-commands.ts';
import { PageSessions } from './pagination.ts';
import { Metrics, Responder } from './respond.ts';

/**
 * A background service the bot runs next to the gateway (a feed poller, a scheduled job): started
 * once the bot is connected, stopped first at shutdown (before in-flight answers drain).
 */
export interface BackgroundService {
  name: string;
  start(ctx: ServiceContext): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface ServiceContext {
  client: Client;
  /** Where answers are computed; `answerer.update(files)` forwards LiveLibrary.update to the index. */
  answerer: Answerer;
  logger: Logger;
}

export interface BotOptions {
  /** The commands to serve (default: every file of commands/). */
  commands?: readonly Command[];
  /** Stop on SIGINT/SIGTERM and exit 0 (default true; tests turn it off). */
  handleSignals?: boolean;
  /** Per-user, per-command cooldown (default 3 s). */
  cooldownMs?: number;
  /** How a signal (code 0) or a fatal gateway close (code 1) ends the process (default process.exit). */
  exit?: (code: number) => void;
  /** Interaction token lifetime (Discord's 15 minutes); only tests shorten it, to see buttons expire. */
  tokenLifetimeMs?: number;
  /** Most answers queued for the worker (inline libraries only; the worker answerer has its own). */
  maxQueue?: number;
  /** How often the load line (queue, missed deadlines, p95) is logged (default every minute). */
  statsIntervalMs?: number;
  /** Background services, started once connected and stopped first at shutdown. */
  services?: readonly BackgroundService[];
  /** /follow's subscriptions (live news); without them /follow says it is unavailable. */
  follows?: Follows;
  /** How long the gateway may stay away before a warning is logged (default 30 s; tests shorten it). */
  disconnectWarnMs?: number;
}

export interface Bot {
  client: Client;
  /** Resolves when Discord has sent READY and the guilds (discord.js's clientReady). */
  ready: Promise<void>;
  answerer: Answerer;
  metrics: Metrics;
  /** Stops taking interactions, drains those in flight (≤ 5 s), disables live buttons, closes the gateway and the worker; safe to call more than once. */
  stop(): Promise<void>;
}

export const DEFAULT_COOLDOWN_MS = 3000;
/** In-flight interactions get this long to finish at shutdown. */
export const DRAIN_MS = 5000;
// Disabling buttons at shutdown is a courtesy; it must not hold the exit up.
const SHUTDOWN_GRACE_MS = 2000;
/** A gateway away longer than this is worth a warning. */
export const DISCONNECT_WARN_MS = 30_000;
const STATS_INTERVAL_MS = 60_000;
// Rate-limit events come one per queued request: one log line a second is enough to see them.
const RATE_LIMIT_LOG_MS = 1000;

/** Close codes after which discord.js never reconnects: the process cannot serve and must say why. */
export const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4004: 'authentication failed: the token is wrong or was reset (Developer Portal → Bot → Reset Token)',
  4010: 'invalid shard sent when identifying',
  4011: 'sharding required: the bot is in too many guilds for one connection',
  4012: 'invalid gateway API version',
  4013: 'invalid intents',
  4014: 'disallowed intents: enable them in Developer Portal → Bot, or remove them',
};

/** Keep-alive connections to Discord's REST API at most (a burst of callbacks shares them). */
export const REST_CONNECTIONS = 32;

/**
 * An HTTP agent for discord.js's REST with a bounded pool of keep-alive connections: by default
 * undici opens one connection per concurrent request, and a burst of 350 callbacks then spends
 * the event loop on 350 TCP handshakes. It must be the undici @discordjs/rest itself uses (its
 * request() takes only its own dispatchers); null (discord.js's default) if that cannot be found.
 */
function restAgent(): unknown {
  try {
    const fromRest = createRequire(createRequire(import.meta.url).resolve('@discordjs/rest'));
    const undici = fromRest('undici') as { Agent: new (options: object) => unknown };
    return new undici.Agent({ connections: REST_CONNECTIONS, connect: { timeout: 30_000 } });
  } catch {
    return null;
  }
}

/** A discord.js client that pings nobody by default and talks to `apiUrl` for REST (and thus the gateway URL). */
export function createClient(apiUrl: string): Client {
  return new Client({
    // Interactions arrive without privileged intents; Guilds keeps the guild cache discord.js expects.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: {
      api: apiUrl,
      // No retries in discord.js: a retried interaction callback that Discord had processed gets
      // 40060, and one retried after 3 s is useless. respond.ts retries what is safe to retry.
      retries: 0,
      timeout: 10_000,
      // Interaction callbacks and webhook edits are exempt from Discord's global limit of 50/s
      // (discord-api-docs #4416), but discord.js counts every request against it: a burst of
      // edits would wait for nothing. Real global 429s are still obeyed.
      globalRequestsPerSecond: 1_000,
      agent: restAgent() as never,
    },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
}

/**
 * Interactions arrive in bursts (one read of the gateway can hold hundreds). Their handling starts
 * a few per turn of the event loop, so that timers and I/O — the responses to the acknowledgements
 * already sent — run in between, instead of one long block while every handler starts.
 */
export class Intake<T> {
  private readonly waiting: T[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly start: (item: T) => void,
    private readonly perTurn = 4,
  ) {}

  push(item: T): void {
    this.waiting.push(item);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.turn());
    }
  }

  private turn(): void {
    for (let n = 0; n < this.perTurn && this.head < this.waiting.length; n++) this.start(this.waiting[this.head++] as T);
    if (this.head < this.waiting.length) {
      // Scheduled from the check phase, it runs on the next turn, after timers and I/O.
      setImmediate(() => this.turn());
      return;
    }
    this.waiting.length = 0;
    this.head = 0;
    this.scheduled = false;
  }
}

function renderersOf(commands: readonly Command[]): Map<string, Renderer> {
  const out = new Map<string, Renderer>();
  for (const c of commands) if (c.render) out.set(c.data.name, c.render);
  return out;
}

function isAnswerer(x: unknown): x is Answerer {
  return !!x && typeof x === 'object' && 'render' in x && 'suggest' in x && 'depth' in x;
}

/**
 * Connects the bot and serves the commands from `answers`: an Answerer (the answer worker, from
 * start.ts), or a Library (or its promise) answered inline. The bot connects while the index
 * loads, and defers the first answers.
 */
export async function startBot(
  config: Pick<Config, 'discord'>,
  answers: Answerer | Library | Promise<Library>,
  logger: Logger,
  options: BotOptions = {},
): Promise<Bot> {
  const discord = config.discord;
  if (!discord) throw new Error('DISCORD_TOKEN is missing: the bot needs it (without it, npm start runs the console)');
  registerSecret(discord.token);
  const log = logger.child({ component: 'discord' });

  const commands = options.commands ?? (await loadCommands());
  const answerer = isAnswerer(answers) ? answers : new InlineAnswerer(answers, renderersOf(commands), options.maxQueue);
  answerer.ready().then(
    (info) => log.info({ ...info }, 'index loaded'),
    (err: unknown) => log.error({ err }, 'library failed to load; commands will say so'),
  );

  const metrics = new Metrics();
  const sessions = new PageSessions<SessionState>({
    ...(options.tokenLifetimeMs === undefined ? {} : { tokenLifetimeMs: options.tokenLifetimeMs }),
    onError: (err, session) => log.warn({ err, session: session.id }, 'could not disable paging buttons'),
  });
  const handler = createInteractionHandler({
    commands: new Map(commands.map((c) => [c.data.name, c])),
    answerer,
    logger: log,
    cooldowns: new Cooldowns(options.cooldownMs ?? DEFAULT_COOLDOWN_MS),
    sessions,
    responder: new Responder(metrics),
    metrics,
    follows: options.follows ?? null,
  });

  const client = createClient(discord.apiUrl);
  const services = [...(options.services ?? [])];
  const started: BackgroundService[] = [];
  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      log.info({ user: c.user.tag, guilds: c.guilds.cache.size, commands: commands.map((x) => x.data.name) }, 'connected to Discord');
      if (c.application.id !== discord.clientId) {
        log.warn({ application: c.application.id }, 'DISCORD_CLIENT_ID is not this token\'s application: deploy-commands registers elsewhere');
      }
      resolve();
    });
  });
  // Services start once connected, in order; one that fails to start is logged, the rest go on.
  void ready.then(async () => {
    for (const s of services) {
      if (stopping) return;
      try {
        await s.start({ client, answerer, logger: logger.child({ component: s.name }) });
        started.push(s);
        log.info({ service: s.name }, 'service started');
      } catch (err) {
        log.error({ err, service: s.name }, 'service failed to start');
      }
    }
  });

  const intake = new Intake<Interaction>((interaction) => void handler.handle(interaction));
  client.on(Events.InteractionCreate, (interaction) => intake.push(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));
  client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'gateway connection error'));

  // Away from the gateway: a warning once it lasts, an info line when back.
  const warnAfterMs = options.disconnectWarnMs ?? DISCONNECT_WARN_MS;
  let awaySince: number | null = null;
  let awayTimer: ReturnType<typeof setTimeout> | undefined;
  const away = (): void => {
    if (awaySince !== null || stopping) return;
    awaySince = Date.now();
    awayTimer = setTimeout(
      () => log.warn({ seconds: Math.round((Date.now() - (awaySince ?? Date.now())) / 1000), thresholdMs: warnAfterMs }, `disconnected from Discord for more than ${warnAfterMs % 1000 === 0 ? `${warnAfterMs / 1000} s` : `${warnAfterMs} ms`}`),
      warnAfterMs,
    );
    awayTimer.unref();
  };
  const back = (): void => {
    clearTimeout(awayTimer);
    if (awaySince !== null) log.info({ awayMs: Date.now() - awaySince }, 'reconnected to Discord');
    awaySince = null;
  };
  client.on(Events.ShardDisconnect, (event, shard) => {
    const cause = FATAL_CLOSE_CODES[event.code];
    if (cause && !stopping) return void fatal(event.code, cause);
    log.warn({ code: event.code, shard }, 'gateway disconnected for good');
  });
  // Closing at shutdown looks like a reconnect to discord.js: only log real ones.
  client.on(Events.ShardReconnecting, (shard) => {
    if (stopping) return;
    away();
    log.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    back();
    log.info({ shard, replayed }, 'gateway resumed');
  });
  client.on(Events.ShardReady, () => back());

  let limited = { last: 0, suppressed: 0 };
  client.rest.on(RESTEvents.RateLimited, (info) => {
    const t = Date.now();
    if (t - limited.last < RATE_LIMIT_LOG_MS) return void limited.suppressed++;
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global, alsoSince: limited.suppressed }, 'rate limited');
    limited = { last: t, suppressed: 0 };
  });
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (message) => log.trace({ message }, 'discord.js'));

  // One line a minute: enough to see load, latency and trouble without a metrics server.
  const statsTimer = setInterval(() => {
    log.info(
      { queue: answerer.depth(), inFlight: handler.inFlight, answered: metrics.answered, busy: metrics.busy, missedDeadlines: metrics.missedDeadlines, answerP95Ms: metrics.takeP95(), assumedAcks: metrics.assumedAcks },
      'load',
    );
  }, options.statsIntervalMs ?? STATS_INTERVAL_MS);
  statsTimer.unref();

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

  function fatal(code: number, cause: string): void {
    const line = `Discord closed the gateway with ${code} (${cause}); the bot cannot continue`;
    log.fatal({ code }, line);
    process.stderr.write(`shiji: ${line}\n`);
    stop().finally(() => exit(1));
  }

  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      clearInterval(statsTimer);
      clearTimeout(awayTimer);
      handler.refuseNew();
      for (const s of started.reverse()) {
        try {
          await s.stop();
        } catch (err) {
          log.warn({ err, service: s.name }, 'service did not stop cleanly');
        }
      }
      const drained = await handler.drain(DRAIN_MS);
      if (!drained) log.warn({ inFlight: handler.inFlight }, 'shutdown: some interactions were still in flight after 5 s');
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([sessions.closeAll(), new Promise((r) => (grace = setTimeout(r, SHUTDOWN_GRACE_MS)))]);
      clearTimeout(grace);
      await client.destroy();
      await (client.rest.agent as { close?: () => Promise<void> } | null)?.close?.().catch(() => undefined);
      await answerer.close();
      log.info({ answered: metrics.answered, missedDeadlines: metrics.missedDeadlines }, 'stopped');
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
  return { client, ready, answerer, metrics, stop };
}
