import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { openLibrary } from '../open.ts';
import { startBot, type Bot } from './bot.ts';
import { createNews } from './news.ts';

/**
 * The bot's entry from src/main.ts: configuration, logger, library and client. The bot connects
 * while the index loads; answers wait for it (deferred). A bad variable throws one readable line.
 */
export async function runBot(env: Readonly<Record<string, string | undefined>>): Promise<Bot> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.error);
  const { config } = loaded;
  if (!config.discord) throw new Error('DISCORD_TOKEN is missing');
  const logger = createLogger(config.logLevel, { secrets: [config.discord.token] });
  let lastProgress = 0;
  const opening = openLibrary({
    corpusDirs: [resolve(config.corpusDir)],
    indexPath: resolve(config.indexPath),
    log: (line) => logger.info({ component: 'library' }, line),
    // A log line now and then on a long build: logs are not a terminal, so no progress bar.
    onProgress: (phase, done, total) => {
      if (done === total || Date.now() - lastProgress > 5000) {
        lastProgress = Date.now();
        logger.info({ component: 'library', phase, done, total }, `${phase} ${done}/${total}`);
      }
    },
  }).then((opened) => {
    logger.info({ component: 'library', articles: opened.loaded, skipped: opened.skipped.length, fromSnapshot: opened.fromSnapshot }, 'library loaded');
    return opened.library;
  });
  // Live news (issue 16): feeds and folder watch into library.update, /follow posts; stopped with the bot.
  const news = createNews(config, opening, logger, { corpusDirs: [resolve(config.corpusDir)], indexPath: resolve(config.indexPath) });
  const bot = await startBot(config, opening, logger, news ? { follows: news.follows, services: [news] } : {});
  news?.start(bot);
  return bot;
}
