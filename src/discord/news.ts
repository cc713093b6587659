import { Routes } from 'discord.js';
import type { Config } from '../config.ts';
import { LiveNews, type PassReport } from '../feeds/live.ts';
import { NewsStore, newsDatabasePath } from '../feeds/store.ts';
import type { NewsLibrary } from '../library.ts';
import type { Logger } from '../log.ts';
import type { BackgroundService, ServiceContext } from './bot.ts';
import { FollowNotifier, followsOver, type Follows } from './follow.ts';

/**
 * Live news for the bot, as one object with a lifecycle: the news database (beside the index
 * snapshot), the feed poller and folder watcher, and the /follow notifier posting through the
 * bot's REST client. Created before the bot connects (its commands need the subscriptions),
 * started once the client exists, stopped with the bot.
 */
export interface News extends BackgroundService {
  follows: Follows;
  start(ctx: Pick<ServiceContext, 'client'>): void;
  /** Resolves once the first poll after start() is done (tests: a feed changed after it is seen by the next pass). */
  whenStarted(): Promise<void>;
  /** One poll now (tests, bench); null before start(). */
  pass(): Promise<PassReport | null>;
  stop(): Promise<void>;
}

export interface NewsOptions {
  corpusDirs: string[];
  indexPath: string;
  /** Database file (default: shiji.db beside the snapshot). */
  databasePath?: string;
  watch?: boolean;
  debounceMs?: number;
}

/** The bot's live news, or null (and one error line) when its database cannot be opened: the bot still answers. */
export function createNews(config: Pick<Config, 'feeds' | 'feedIntervalMinutes'>, library: Promise<NewsLibrary> | NewsLibrary, logger: Logger, options: NewsOptions): News | null {
  const log = logger.child({ component: 'news' });
  const path = options.databasePath ?? newsDatabasePath(options.indexPath);
  let store: NewsStore;
  try {
    store = NewsStore.open(path);
  } catch (err) {
    log.error({ err, path }, 'cannot open the news database: feeds and /follow are off');
    return null;
  }
  let live: LiveNews | null = null;
  return {
    name: 'news',
    follows: followsOver(store),
    start(bot) {
      if (live) return;
      const notifier = new FollowNotifier(store, async (channel, body) => void (await bot.client.rest.post(Routes.channelMessages(channel), { body })), log);
      live = new LiveNews({
        library,
        corpusDirs: options.corpusDirs,
        feeds: config.feeds,
        intervalMs: config.feedIntervalMinutes * 60_000,
        store,
        logger,
        ...(options.watch === undefined ? {} : { watch: options.watch }),
        ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
        onAdded: async (lib, files) => void (await notifier.announce(lib, files)),
      });
      live.start();
    },
    whenStarted: async () => live?.whenStarted(),
    pass: async () => (live ? live.pass() : null),
    async stop() {
      await live?.stop();
      store.close();
    },
  };
}
