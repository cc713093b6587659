import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import type { QueueOptions } from './answer-queue.ts';
import { WorkerAnswerer } from './answerer.ts';
import { startBot, type BackgroundService, type Bot } from './bot.ts';
import { createNews } from './news.ts';

/**
 * The bot's entry from src/main.ts: configuration, logger, the answer worker (which opens the
 * library) and the client. The bot connects while the index loads; answers wait for it
 * (deferred). A bad variable throws one readable line. Background services (feed pollers…) are
 * passed in `services`: started once connected, stopped first at shutdown.
 */
export interface RunOptions {
  /** Background services (feed pollers…): started once connected, stopped first at shutdown. */
  services?: readonly BackgroundService[];
  /** How the answer queue is bounded (defaults: 30 s of estimated wait, 500 requests). */
  queue?: QueueOptions;
}

export async function runBot(env: Readonly<Record<string, string | undefined>>, options: RunOptions = {}): Promise<Bot> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.error);
  const { config } = loaded;
  if (!config.discord) throw new Error('DISCORD_TOKEN is missing');
  const logger = createLogger(config.logLevel, { secrets: [config.discord.token] });
  let lastProgress = 0;
  const answerer = new WorkerAnswerer({
    corpusDirs: config.corpusDirs,
    indexPath: config.indexPath,
    log: (line) => logger.info({ component: 'library' }, line),
    // A log line now and then on a long build: logs are not a terminal, so no progress bar.
    onProgress: (phase, done, total) => {
      if (done === total || Date.now() - lastProgress > 5000) {
        lastProgress = Date.now();
        logger.info({ component: 'library', phase, done, total }, `${phase} ${done}/${total}`);
      }
    },
    ...(options.queue ? { queue: options.queue } : {}),
    onCrash: (err) => logger.error({ component: 'library', err }, 'the answer worker died; restarting it'),
  });
  // Live news (issue 16): feeds and the folder watch go through the worker's library.update; /follow posts.
  const news = createNews(config, answerer, logger, { corpusDirs: config.corpusDirs, indexPath: config.indexPath });
  try {
    return await startBot(config, answerer, logger, {
      services: [...(options.services ?? []), ...(news ? [news] : [])],
      ...(news ? { follows: news.follows } : {}),
    });
  } catch (err) {
    await news?.stop();
    await answerer.close();
    throw err;
  }
}
