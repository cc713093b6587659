import type { Config } from '../config.ts';
import { LiveNews } from '../feeds/live.ts';
import { NewsStore, newsDatabasePath } from '../feeds/store.ts';
import type { Library, LiveLibrary } from '../library.ts';
import { createLogger } from '../log.ts';

/**
 * The console's live news (`npm start` without a token): the configured FEEDS polled every
 * FEED_INTERVAL into the first corpus folder, through library.update, with one line when new
 * articles arrive. No FEEDS: nothing at all (no database, no timer).
 */
export interface ConsoleNews {
  /** Resolves once the first poll is over. */
  whenStarted(): Promise<void>;
  stop(): Promise<void>;
}

function asLive(library: Library): LiveLibrary {
  if (!('update' in library) || typeof (library as Partial<LiveLibrary>).update !== 'function') {
    throw new Error('cli/console-news: this library cannot be updated (not a LiveLibrary)');
  }
  return library as LiveLibrary;
}

export function startConsoleNews(
  config: Pick<Config, 'feeds' | 'feedIntervalMinutes' | 'indexPath'>,
  dirs: string[],
  library: Promise<Library>,
  say: (line: string) => void,
  options: { watch?: boolean; databasePath?: string } = {},
): ConsoleNews | null {
  if (config.feeds.length === 0) return null;
  const path = options.databasePath ?? newsDatabasePath(config.indexPath);
  let store: NewsStore;
  try {
    store = NewsStore.open(path);
  } catch (err) {
    say(`feeds are off: cannot open the news database ${path}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  const live = library.then(asLive);
  // The library's own load failure is reported by the console; here it only means no news.
  live.catch(() => undefined);
  const news = new LiveNews({
    library: live,
    corpusDirs: dirs,
    feeds: config.feeds,
    intervalMs: config.feedIntervalMinutes * 60_000,
    store,
    // Feed failures are worth a line on stderr; routine passes are not (the terminal is for answers).
    logger: createLogger('warn', { destination: process.stderr }),
    ...(options.watch === undefined ? {} : { watch: options.watch }),
    onAdded: async (lib, files) => {
      const titles = files.map((f) => (lib as Partial<Library>).article?.(f)?.title ?? f);
      say(`${files.length} new article${files.length === 1 ? '' : 's'} from the feeds: ${titles.slice(0, 3).join(' | ')}${titles.length > 3 ? ' | …' : ''}`);
    },
  });
  news.start();
  return {
    whenStarted: () => news.whenStarted(),
    async stop() {
      await news.stop();
      store.close();
    },
  };
}
